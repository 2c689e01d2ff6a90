package org.pactum.ingest;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.pactum.cube.CubeService;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FeedService;
import org.pactum.feed.Geography;
import org.pactum.problem.PactumException;
import org.pactum.problem.ProblemType;
import org.pactum.pseudonym.KeyRing;
import org.pactum.pseudonym.PersonIds;
import org.pactum.security.Caller;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A small correction submission (UK GDPR Art 16, rectification): corrected rows appended to the
 * provider's current submission of a period, through the same door as a push (validate, derive,
 * pseudonymise, COPY). The caller's transaction decides whether they stay: the data subject request
 * checks they are all about the person and removes the rows they replace.
 */
@ApplicationScoped
public class CorrectionWriter {

    /** Corrections are a person's handful of rows, not an extract. */
    static final long MAX_BYTES = 1 << 20;

    static final int MAX_ROWS = 1_000;

    @Inject AgroalDataSource dataSource;

    @Inject SubmissionWriter writer;

    @Inject SubmissionStore store;

    @Inject FeedService feeds;

    @Inject Geography geography;

    @Inject KeyRing keys;

    @Inject IngestConfig config;

    @Inject CubeService cubes;

    /** Where the corrected rows went: lines {@code firstLine} onwards of the submission. */
    public record Appended(long submissionId, int firstLine, long rows) {}

    @Transactional(TxType.MANDATORY)
    public Appended append(
            Caller caller, String feed, String period, String mediaType, InputStream body) {
        FeedSchema schema =
                feeds.schema(feed).orElseThrow(() -> PactumException.notFound("Feed", feed));
        String provider = caller.organisation();
        store.lockPeriod(provider, feed, period);
        SubmissionView current = current(provider, schema, period);
        try (Connection c = dataSource.getConnection()) {
            int offset = lastLine(c, current.id());
            Reader reader = SubmissionWriter.strictUtf8(new LimitedInputStream(body, MAX_BYTES));
            RowSource rows =
                    writer.open(
                            new PushCommand(feed, period, mediaType, null, false, null),
                            schema,
                            reader);
            RowPipeline pipeline =
                    new RowPipeline(
                            schema,
                            rows.header(),
                            provider,
                            current.id(),
                            geography.lookup(),
                            new PersonIds(keys.storageKey()),
                            IngestCube.off(schema));
            CopyLine out = new CopyLine(1 << 12);
            check(rows, pipeline, offset, out);
            CopyIn copy =
                    c.unwrap(PGConnection.class).getCopyAPI().copyIn(SubmissionWriter.COPY_SQL);
            out.sendTo(copy);
            long stored = copy.endCopy();
            cubes.rebuild(c, current.id());
            return new Appended(current.id(), offset + 1, stored);
        } catch (LimitedInputStream.TooLarge e) {
            throw new PactumException(
                    ProblemType.PAYLOAD_TOO_LARGE,
                    "A correction is at most " + MAX_BYTES + " bytes; it holds one person's rows");
        } catch (FatalBodyException e) {
            throw new PactumException(
                    IngestProblems.UNREADABLE_BODY,
                    "Line " + e.line + ": " + e.getMessage() + ". Nothing was changed.");
        } catch (IOException e) {
            throw new PactumException(
                    IngestProblems.UNREADABLE_BODY,
                    "The correction could not be read; send it again as UTF-8");
        } catch (SQLException e) {
            throw new IllegalStateException("The correction could not be stored", e);
        }
    }

    private SubmissionView current(String provider, FeedSchema schema, String period) {
        return store.list(provider, schema.code(), period, "ACCEPTED", 1).stream()
                .findFirst()
                .orElseThrow(
                        () ->
                                PactumException.conflict(
                                        "Your organisation has no current submission of "
                                                + schema.code()
                                                + " for period "
                                                + PactumException.shown(period)
                                                + " to correct"));
    }

    /**
     * Every corrected row through the door into {@code out}, numbered after the submission's own
     * lines so none is confused with a pushed row; refuses the correction if any is invalid.
     */
    private void check(RowSource rows, RowPipeline pipeline, int offset, CopyLine out)
            throws IOException {
        RowErrors errors = new RowErrors(config.maxReportedErrors());
        long received = 0;
        while (rows.next()) {
            if (++received > MAX_ROWS) {
                throw PactumException.invalid("A correction holds at most " + MAX_ROWS + " rows");
            }
            pipeline.process(offset + rows.line(), rows.values(), rows.shapeProblem(), out, errors);
        }
        if (errors.invalidRows() > 0) {
            List<RowError> shown =
                    errors.first().stream()
                            .map(e -> new RowError(e.line() - offset, e.field(), e.reason()))
                            .toList();
            throw new PactumException(
                    IngestProblems.INVALID_ROWS,
                    errors.invalidRows()
                            + " row(s) of the correction are invalid, so nothing was changed."
                            + " First: line "
                            + shown.get(0).line()
                            + ", "
                            + shown.get(0).field()
                            + " "
                            + shown.get(0).reason(),
                    Map.of("errors", shown, "invalidRowCount", errors.invalidRows()));
        }
        if (received == 0) {
            throw PactumException.invalid(
                    "The correction holds no rows: give the person's corrected rows");
        }
    }

    private static int lastLine(Connection c, long submissionId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT coalesce(max(line), 0) FROM feed_row WHERE submission_id = ?")) {
            ps.setLong(1, submissionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
