package org.pactum.ingest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.pactum.agreement.AgreementService;
import org.pactum.agreement.PushGrant;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.cube.CubeService;
import org.pactum.feed.FeedSchema;
import org.pactum.problem.PactumException;
import org.pactum.security.Caller;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams one extract into PostgreSQL inside one transaction: parse, check, derive and pseudonymise
 * each row, and COPY it as it goes, so memory stays flat whatever the size. Nothing is visible
 * until the commit; any failure (a bad row in all-or-nothing mode, a cut-off upload, a database
 * error) rolls the whole batch back.
 */
@ApplicationScoped
public class SubmissionWriter {

    public static final String COPY_SQL =
            "COPY feed_row (submission_id, feed, provider, line, person_id, linkage_key, event_date, "
                    + "event_month, local_authority, lsoa, age_band, sex, ethnicity, attrs, record_hash) FROM STDIN";
    private static final int BLOCK_BYTES = 1 << 18;

    @Inject AgroalDataSource dataSource;

    @Inject SubmissionStore store;

    @Inject AuditLog audit;

    @Inject AgreementService agreements;

    @Inject IngestConfig config;

    @Inject HeldRows holds;

    @Inject PushRefusals refusals;

    @Inject CubeService cubes;

    /** Raised when a concurrent push with the same idempotency key committed first. */
    static final class IdempotencyRace extends RuntimeException {
        final String sha256;

        IdempotencyRace(String sha256) {
            super(null, null, false, false);
            this.sha256 = sha256;
        }
    }

    /**
     * A push's rows as streamed: counted, checked, COPYed (not yet committed), digested and added
     * up into cube cells.
     */
    private record Streamed(
            long received, long stored, RowErrors errors, String sha256, IngestCube cube) {}

    @Transactional
    @TransactionConfiguration(timeoutFromConfigProperty = "pactum.ingest.transaction-timeout")
    public SubmissionView write(Push push, InputStream body) {
        try (Connection c = dataSource.getConnection()) {
            long id = store.nextId(c);
            Streamed rows = copyRows(c, push, id, body);
            return accept(c, push, id, rows);
        } catch (FatalBodyException e) {
            throw refusals.unreadable(push, e);
        } catch (CharacterCodingException e) {
            throw refusals.notUtf8(push);
        } catch (SQLException e) {
            throw new IllegalStateException("The extract could not be stored", e);
        } catch (IOException e) {
            throw new UploadInterrupted(e);
        }
    }

    /** Step 1: parse, check, derive and COPY every row as it arrives; refuse what cannot stand. */
    private Streamed copyRows(Connection c, Push push, long id, InputStream body)
            throws SQLException, IOException {
        MessageDigest sha = sha256();
        Reader reader = strictUtf8(new DigestInputStream(body, sha));
        RowErrors errors = new RowErrors(config.maxReportedErrors());
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
        IngestCube cube = IngestCube.of(push.schema(), config.cubeMaxCells());
        try {
            RowSource rows = open(push, reader);
            RowPipeline pipeline =
                    new RowPipeline(
                            push.schema(),
                            rows.header(),
                            push.caller().organisation(),
                            id,
                            push.lsoaLookup(),
                            push.ids(),
                            cube);
            long received = stream(rows, pipeline, copy, push.cmd(), errors);
            long stored = endCopy(copy, push, errors, received);
            return new Streamed(
                    received, stored, errors, HexFormat.of().formatHex(sha.digest()), cube);
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** Feeds every row through the pipeline to the COPY in blocks; returns the rows received. */
    private static long stream(
            RowSource rows, RowPipeline pipeline, CopyIn copy, PushCommand cmd, RowErrors errors)
            throws IOException, SQLException {
        CopyLine block = new CopyLine(BLOCK_BYTES + (1 << 12));
        long received = 0;
        while (rows.next()) {
            received++;
            pipeline.process(rows.line(), rows.values(), rows.shapeProblem(), block, errors);
            if (block.length() >= BLOCK_BYTES) {
                if (cmd.skipInvalidRows() || errors.invalidRows() == 0) {
                    block.sendTo(copy);
                } else {
                    block.truncate(0); // all-or-nothing and already failed: stop sending rows
                }
            }
            // An all-or-nothing push that has failed still checks every row, so the provider
            // learns the exact number of errors and invalid rows to fix.
        }
        block.sendTo(copy);
        return received;
    }

    /** Ends the COPY if what arrived may be stored; returns the rows stored. */
    private long endCopy(CopyIn copy, Push push, RowErrors errors, long received)
            throws SQLException {
        PushCommand cmd = push.cmd();
        if (cmd.declaredEmpty() && received > 0) {
            copy.cancelCopy();
            throw refusals.notEmpty(push, received);
        }
        if (!cmd.skipInvalidRows() && errors.invalidRows() > 0) {
            copy.cancelCopy();
            throw refusals.rejected(push, errors, received);
        }
        long stored = copy.endCopy();
        if (stored == 0 && !cmd.declaredEmpty()) {
            throw refusals.empty(push, errors, received);
        }
        return stored;
    }

    /**
     * Step 2, with the rows COPYed: confirm the agreements, hold back what data subject requests
     * hold, record the submission, replace the period's earlier one and audit the acceptance.
     */
    private SubmissionView accept(Connection c, Push push, long id, Streamed rows)
            throws SQLException {
        String provider = push.caller().organisation();
        String feed = push.schema().code();
        // The upload may have taken an hour: the agreements are checked again, and held,
        // before anything is committed.
        PushGrant confirmed = agreements.confirmPush(push.caller(), push.grant());
        store.lockPeriod(c, provider, feed, push.cmd().period());
        // An active erasure or restriction keeps holding when the extract brings the person
        // back (UK GDPR Arts 17, 18): one step, with the period locked.
        HeldRows.Held held = holds.holdBack(c, provider, feed, push.cmd().period(), id);
        // The submission's stored rows are final from here: whatever is maintained from them
        // in the same transaction (pre-aggregated cubes) is rebuilt at this point.
        SubmissionView submission = view(push, id, rows).withHeldBack(held);
        if (!store.insert(c, submission, push.cmd().mediaType(), push.caller().subject())) {
            throw new IdempotencyRace(rows.sha256());
        }
        List<Long> replaced = store.replaceEarlier(c, submission);
        storeCube(c, push, id, rows.cube(), held);
        audit.append(Actor.of(push.caller()), accepted(push, submission, replaced, confirmed));
        return submission.withReplaced(replaced);
    }

    /**
     * The cube follows the rows in this transaction (issue 14): the cells added up as the rows
     * arrived, unless some were held back or there were too many to add up, when they are rebuilt
     * from the rows stored.
     */
    private void storeCube(Connection c, Push push, long id, IngestCube cube, HeldRows.Held held)
            throws SQLException {
        if (!cube.complete() || held.total() > 0) {
            cubes.rebuild(c, id);
        } else if (cube.copyTo(c, push.schema().code(), push.caller().organisation(), id) > 0) {
            cubes.cellsAdded(c, push.schema().code());
        }
    }

    private static SubmissionView view(Push push, long id, Streamed rows) {
        List<RowError> first = rows.errors().first();
        return new SubmissionView(
                id,
                push.caller().organisation(),
                push.schema().code(),
                push.schema().version(),
                push.cmd().period(),
                "ACCEPTED",
                rows.received(),
                rows.stored(),
                rows.errors().invalidRows(),
                rows.sha256(),
                push.cmd().idempotencyKey(),
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                null,
                null,
                first.isEmpty() ? null : first,
                0);
    }

    private static AuditEvent accepted(
            Push push, SubmissionView s, List<Long> replaced, PushGrant confirmed) {
        AuditEvent accepted =
                AuditEvent.allowed("submission.accept", "submission:" + s.id())
                        .with("feed", s.feed())
                        .with("feedVersion", s.feedVersion())
                        .with("period", s.period())
                        .with("rowsReceived", s.rowsReceived())
                        .with("rowsStored", s.rowsStored())
                        .with("rowsHeldBack", s.rowsHeldBack())
                        .with("rowsRejected", s.rowsRejected())
                        .with("sha256", s.sha256())
                        .with("replaced", replaced)
                        .with("agreements", List.copyOf(confirmed.agreementIds()))
                        .concerning(confirmed.parties());
        // The provider's word that the period has no records is what allowed an empty
        // extract to replace the period's data: it is part of the record.
        return push.cmd().declaredEmpty() ? accepted.with("emptyPeriod", true) : accepted;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** UTF-8 that refuses malformed input rather than replacing it. */
    static Reader strictUtf8(InputStream in) {
        return new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /**
     * Deletes a submission's rows and marks it WITHDRAWN, serialised with pushes for the same
     * period.
     */
    @Transactional
    public SubmissionView withdraw(Caller caller, SubmissionView s, Set<String> concerned) {
        try (Connection c = dataSource.getConnection()) {
            store.lockPeriod(c, s.provider(), s.feed(), s.period());
            SubmissionView current = store.find(s.id()).orElseThrow();
            if (!"ACCEPTED".equals(current.status())) {
                audit.appendAlone(
                        Actor.of(caller),
                        AuditEvent.denied(
                                        "submission.withdraw",
                                        "submission:" + s.id(),
                                        "submission is " + current.status())
                                .concerning(concerned));
                throw PactumException.conflict(
                        "Submission "
                                + s.id()
                                + " is "
                                + current.status()
                                + " and holds no data to withdraw");
            }
            store.deleteRows(c, List.of(s.id()));
            store.end(c, s.id(), "WITHDRAWN", caller.subject());
            audit.append(
                    Actor.of(caller),
                    AuditEvent.allowed("submission.withdraw", "submission:" + s.id())
                            .with("feed", s.feed())
                            .with("period", s.period())
                            .with("rowsDeleted", current.rowsStored())
                            .concerning(concerned));
            return store.find(s.id()).orElseThrow();
        } catch (SQLException e) {
            throw new IllegalStateException("The submission could not be withdrawn", e);
        }
    }

    /** The upload stopped before its end (client gone, idle timeout): nothing is kept. */
    static final class UploadInterrupted extends RuntimeException {
        UploadInterrupted(IOException cause) {
            super("upload interrupted", cause, false, false);
        }
    }

    /** Opens a body for a correction submission (its caller audits a refusal in its own words). */
    RowSource open(PushCommand cmd, FeedSchema schema, Reader reader) throws IOException {
        return open(cmd, schema, reader, header -> {});
    }

    private RowSource open(Push push, Reader reader) throws IOException {
        return open(
                push.cmd(), push.schema(), reader, header -> refusals.invalidHeader(push, header));
    }

    private RowSource open(
            PushCommand cmd, FeedSchema schema, Reader reader, Consumer<List<RowError>> refused)
            throws IOException {
        if (cmd.mediaType().startsWith("application/x-ndjson")) {
            return new NdjsonRowSource(
                    reader,
                    schema.fields().stream().map(f -> f.name()).toArray(String[]::new),
                    config.maxRowChars());
        }
        CsvRowSource csv = new CsvRowSource(reader, config.maxRowChars(), config.maxFields());
        List<RowError> header = RowPipeline.checkHeader(schema, csv.header());
        if (!header.isEmpty()) {
            refused.accept(header);
            throw new PactumException(
                    IngestProblems.INVALID_HEADER,
                    "The header does not match "
                            + schema.code()
                            + " v"
                            + schema.version()
                            + ": "
                            + header.get(0).field()
                            + " "
                            + header.get(0).reason(),
                    Map.of("errors", header));
        }
        return csv;
    }
}
