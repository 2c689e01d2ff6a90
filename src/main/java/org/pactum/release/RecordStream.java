package org.pactum.release;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.BufferedOutputStream;
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
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.pactum.platform.CsvCells;
import org.pactum.platform.JdbcArgs;
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
    private static final int BUFFER = 1 << 16;
    private static final JsonFactory JSON = new JsonFactory();

    private final Connection snapshot;
    private final List<RecordColumns.Column> columns;
    private final String sql;
    private final List<Object> args;
    private final byte[] agreementKey;
    private final AtomicInteger state = new AtomicInteger(OPEN);
    private final RecordRiskControl.Plan plan;

    RecordStream(
            Connection snapshot,
            List<RecordColumns.Column> columns,
            String sql,
            List<Object> args,
            byte[] agreementKey,
            RecordRiskControl.Plan plan) {
        this.snapshot = snapshot;
        this.columns = columns;
        this.sql = sql;
        this.args = args;
        this.agreementKey = agreementKey;
        this.plan = plan;
    }

    /** Records released (withheld ones not counted). */
    public long rows() {
        return plan.released();
    }

    /** The smallest released equivalence class on the quasi-identifiers; null if none released. */
    public Long kAchieved() {
        return plan.kAchieved();
    }

    public long valuesSuppressed() {
        return plan.valuesSuppressed();
    }

    public long recordsWithheld() {
        return plan.withheld();
    }

    /** Quasi-identifiers the risk control coarsened, and to what; empty if none. */
    public String generalised() {
        return plan.generalised().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
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

    /**
     * One JSON object per line, encoded straight to UTF-8 bytes (no char writer in between) and
     * handed to the response in large writes, so the HTTP layer sees a few big chunks rather than
     * one per row.
     */
    public void writeNdjson(OutputStream out) throws IOException {
        SerializedString[] names = new SerializedString[columns.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = new SerializedString(columns.get(i).name());
        }
        try (JsonGenerator g =
                JSON.createGenerator(new BufferedOutputStream(out, BUFFER), JsonEncoding.UTF8)) {
            g.setRootValueSeparator(null);
            each(
                    values -> {
                        g.writeStartObject();
                        for (int i = 0; i < names.length; i++) {
                            g.writeFieldName(names[i]);
                            g.writeString(values[i]); // null is written as null
                        }
                        g.writeEndObject();
                        g.writeRaw('\n');
                    });
        }
    }

    public void writeCsv(OutputStream out) throws IOException {
        try (Writer w =
                new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER)) {
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
        try (Statement hash = snapshot.createStatement();
                PreparedStatement ps = snapshot.prepareStatement(sql)) {
            // The rows join the risk control's decided classes: a small table whose size the
            // planner cannot estimate (window functions over a GROUP BY), so it may pick a nested
            // loop that scans it once per row. A hash join reads it once; this transaction only.
            hash.execute("SET LOCAL enable_nestloop = off");
            hash.execute("SET LOCAL enable_mergejoin = off");
            ps.setFetchSize(FETCH);
            JdbcArgs.bind(snapshot, ps, args);
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
