package org.pactum.release;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.pactum.pseudonym.PersonIds;

/**
 * Streams a record extract from its snapshot in constant memory (a server-side cursor), re-keying
 * person ids for the agreement as it goes. Owns the snapshot connection and returns it to the pool
 * exactly once, whatever the client does: at the end of the stream, or from {@link #release()} when
 * the exchange ends without the stream ever being written (a HEAD, a client that hung up after the
 * audit entry was committed). Without that, each such request kept a pooled connection forever.
 */
public final class RecordStream {

    private static final int OPEN = 0;
    private static final int STREAMING = 1;
    private static final int CLOSED = 2;

    private static final int FETCH = 5_000;
    private static final JsonFactory JSON = new JsonFactory();

    private final Connection snapshot;
    private final List<RecordColumns.Column> columns;
    private final String where;
    private final List<Object> args;
    private final byte[] agreementKey;
    private final long rows;
    private final AtomicInteger state = new AtomicInteger(OPEN);

    RecordStream(
            Connection snapshot,
            List<RecordColumns.Column> columns,
            String where,
            List<Object> args,
            byte[] agreementKey,
            long rows) {
        this.snapshot = snapshot;
        this.columns = columns;
        this.where = where;
        this.args = args;
        this.agreementKey = agreementKey;
        this.rows = rows;
    }

    public long rows() {
        return rows;
    }

    /**
     * Called when the HTTP exchange ends, however it ends. Closes the snapshot unless the stream is
     * being written right now, in which case the writer closes it when its next write fails or it
     * finishes (closing a connection another thread is using would hand it back to the pool while
     * still in use).
     */
    public void release() {
        if (state.compareAndSet(OPEN, CLOSED)) {
            closeQuietly(snapshot);
        }
    }

    /** True once the snapshot connection has been handed back to the pool. */
    public boolean released() {
        return state.get() == CLOSED;
    }

    public List<String> columnNames() {
        return columns.stream().map(RecordColumns.Column::name).toList();
    }

    public void writeNdjson(OutputStream out) throws IOException {
        try (JsonGenerator g =
                JSON.createGenerator(
                        new BufferedWriter(
                                new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16))) {
            g.setRootValueSeparator(null);
            each(
                    values -> {
                        g.writeStartObject();
                        for (int i = 0; i < columns.size(); i++) {
                            g.writeStringField(columns.get(i).name(), values[i]);
                        }
                        g.writeEndObject();
                        g.writeRaw('\n');
                    });
        }
    }

    public void writeCsv(OutputStream out) throws IOException {
        try (Writer w =
                new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            w.write(String.join(",", columnNames().stream().map(CsvCells::cell).toList()));
            w.write('\n');
            each(
                    values -> {
                        for (int i = 0; i < values.length; i++) {
                            if (i > 0) {
                                w.write(',');
                            }
                            w.write(CsvCells.cell(values[i]));
                        }
                        w.write('\n');
                    });
        }
    }

    @FunctionalInterface
    private interface RowWriter {
        void write(String[] values) throws IOException;
    }

    private void each(RowWriter writer) throws IOException {
        if (!state.compareAndSet(OPEN, STREAMING)) {
            throw new IOException("The exchange ended before the record extract was written");
        }
        PersonIds release = new PersonIds(agreementKey);
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(columns.get(i).sql());
        }
        if (columns.isEmpty()) {
            sql.append("1");
        }
        sql.append(" FROM feed_row a WHERE ")
                .append(where)
                .append(" ORDER BY a.submission_id, a.line");
        try (PreparedStatement ps = snapshot.prepareStatement(sql.toString())) {
            ps.setFetchSize(FETCH);
            ReleaseService.bind(snapshot, ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                String[] values = new String[columns.size()];
                while (rs.next()) {
                    for (int i = 0; i < values.length; i++) {
                        String v = rs.getString(i + 1);
                        values[i] = v != null && columns.get(i).rekey() ? release.rekey(v) : v;
                    }
                    writer.write(values);
                }
            }
            snapshot.commit();
        } catch (SQLException e) {
            throw new IOException("Record extract failed while streaming", e);
        } finally {
            state.set(CLOSED);
            closeQuietly(snapshot);
        }
    }

    static void closeQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // closing anyway
        }
        try {
            c.setAutoCommit(true);
            c.close();
        } catch (SQLException ignored) {
            // the pool discards a broken connection
        }
    }
}
