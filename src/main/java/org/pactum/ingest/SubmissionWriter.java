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
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.pactum.agreement.AgreementService;
import org.pactum.agreement.PushGrant;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.cube.CubeService;
import org.pactum.feed.FeedSchema;
import org.pactum.problem.PactumException;
import org.pactum.pseudonym.PersonIds;
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

    static final String COPY_SQL =
            "COPY feed_row (submission_id, feed, provider, line, person_id, linkage_key, event_date, "
                    + "event_month, local_authority, lsoa, age_band, sex, ethnicity, attrs, record_hash) FROM STDIN";
    private static final int FLUSH_CHARS = 1 << 16;

    @Inject AgroalDataSource dataSource;

    @Inject SubmissionStore store;

    @Inject AuditLog audit;

    @Inject AgreementService agreements;

    @Inject IngestConfig config;

    @Inject HeldRows holds;

    @Inject CubeService cubes;

    /** Raised when a concurrent push with the same idempotency key committed first. */
    static final class IdempotencyRace extends RuntimeException {
        final String sha256;

        IdempotencyRace(String sha256) {
            super(null, null, false, false);
            this.sha256 = sha256;
        }
    }

    @Transactional
    @TransactionConfiguration(timeoutFromConfigProperty = "pactum.ingest.transaction-timeout")
    public SubmissionView write(
            Caller caller,
            PushCommand cmd,
            FeedSchema schema,
            PushGrant grant,
            InputStream body,
            Map<String, String> lsoaLookup,
            PersonIds ids) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (Connection c = dataSource.getConnection()) {
            long id = store.nextId(c);
            Reader reader =
                    new InputStreamReader(
                            new DigestInputStream(body, sha),
                            StandardCharsets.UTF_8
                                    .newDecoder()
                                    .onMalformedInput(CodingErrorAction.REPORT)
                                    .onUnmappableCharacter(CodingErrorAction.REPORT));
            RowErrors errors = new RowErrors(config.maxReportedErrors());
            long received = 0;
            long stored;
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
            try {
                RowSource rows = open(caller, cmd, schema, grant, reader);
                RowPipeline pipeline =
                        new RowPipeline(
                                schema, rows.header(), caller.organisation(), id, lsoaLookup, ids);
                StringBuilder batch = new StringBuilder(FLUSH_CHARS + 4096);
                while (rows.next()) {
                    received++;
                    pipeline.process(
                            rows.line(), rows.values(), rows.shapeProblem(), batch, errors);
                    if (batch.length() >= FLUSH_CHARS) {
                        if (cmd.skipInvalidRows() || errors.invalidRows() == 0) {
                            flush(copy, batch);
                        } else {
                            batch.setLength(
                                    0); // all-or-nothing and already failed: stop sending rows
                        }
                    }
                    // An all-or-nothing push that has failed still checks every row, so the
                    // provider learns the exact number of errors and invalid rows to fix.
                }
                flush(copy, batch);
                if (cmd.declaredEmpty() && received > 0) {
                    copy.cancelCopy();
                    throw notEmpty(caller, cmd, schema, grant, received);
                }
                if (!cmd.skipInvalidRows() && errors.invalidRows() > 0) {
                    copy.cancelCopy();
                    throw rejected(caller, cmd, schema, grant, errors, received);
                }
                stored = copy.endCopy();
                if (stored == 0 && !cmd.declaredEmpty()) {
                    throw empty(caller, cmd, schema, grant, errors, received);
                }
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            String sha256 = HexFormat.of().formatHex(sha.digest());
            SubmissionView submission =
                    new SubmissionView(
                            id,
                            caller.organisation(),
                            schema.code(),
                            schema.version(),
                            cmd.period(),
                            "ACCEPTED",
                            received,
                            stored,
                            errors.invalidRows(),
                            sha256,
                            cmd.idempotencyKey(),
                            Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                            null,
                            null,
                            errors.first().isEmpty() ? null : errors.first(),
                            0);
            // The upload may have taken an hour: the agreements are checked again, and held,
            // before anything is committed.
            PushGrant confirmed = agreements.confirmPush(caller, grant);
            store.lockPeriod(c, caller.organisation(), schema.code(), cmd.period());
            // An active erasure or restriction keeps holding when the extract brings the person
            // back (UK GDPR Arts 17, 18): one step, with the period locked.
            HeldRows.Held held =
                    holds.holdBack(c, caller.organisation(), schema.code(), cmd.period(), id);
            submission = submission.withHeldBack(held);
            if (!store.insert(c, submission, cmd.mediaType(), caller.subject())) {
                throw new IdempotencyRace(sha256);
            }
            List<Long> replaced = store.replaceEarlier(c, submission);
            cubes.rebuild(c, id); // the cube follows the rows in this transaction (issue 14)
            AuditEvent accepted =
                    AuditEvent.allowed("submission.accept", "submission:" + id)
                            .with("feed", schema.code())
                            .with("feedVersion", schema.version())
                            .with("period", cmd.period())
                            .with("rowsReceived", received)
                            .with("rowsStored", submission.rowsStored())
                            .with("rowsHeldBack", submission.rowsHeldBack())
                            .with("rowsRejected", errors.invalidRows())
                            .with("sha256", sha256)
                            .with("replaced", replaced)
                            .with("agreements", List.copyOf(confirmed.agreementIds()))
                            .concerning(confirmed.parties());
            // The provider's word that the period has no records is what allowed an empty
            // extract to replace the period's data: it is part of the record.
            audit.append(
                    Actor.of(caller),
                    cmd.declaredEmpty() ? accepted.with("emptyPeriod", true) : accepted);
            return submission.withReplaced(replaced);
        } catch (FatalBodyException e) {
            audit.appendAlone(
                    Actor.of(caller),
                    AuditEvent.denied(
                                    "submission.push",
                                    "feed:" + schema.code(),
                                    "unreadable body at line " + e.line + ": " + e.getMessage())
                            .concerning(grant.parties()));
            throw new PactumException(
                    IngestProblems.UNREADABLE_BODY,
                    "Line " + e.line + ": " + e.getMessage() + ". Nothing was stored.",
                    Map.of("errors", List.of(new RowError(e.line, "(row)", e.getMessage()))));
        } catch (SQLException e) {
            throw new IllegalStateException("The extract could not be stored", e);
        } catch (java.nio.charset.CharacterCodingException e) {
            audit.appendAlone(
                    Actor.of(caller),
                    AuditEvent.denied(
                                    "submission.push",
                                    "feed:" + schema.code(),
                                    "the body is not valid UTF-8; nothing stored")
                            .with("period", cmd.period())
                            .concerning(grant.parties()));
            throw new PactumException(
                    IngestProblems.UNREADABLE_BODY,
                    "The body is not valid UTF-8; export it as UTF-8 and push again");
        } catch (IOException e) {
            throw new UploadInterrupted(e);
        }
    }

    /**
     * Deletes a submission's rows and marks it WITHDRAWN, serialised with pushes for the same
     * period.
     */
    @Transactional
    public SubmissionView withdraw(
            Caller caller, SubmissionView s, java.util.Set<String> concerned) {
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

    private RowSource open(
            Caller caller, PushCommand cmd, FeedSchema schema, PushGrant grant, Reader reader)
            throws IOException {
        return open(
                cmd,
                schema,
                reader,
                header ->
                        audit.appendAlone(
                                Actor.of(caller),
                                AuditEvent.denied(
                                                "submission.push",
                                                "feed:" + schema.code(),
                                                header.size() + " header problems; nothing stored")
                                        .with("period", cmd.period())
                                        .with(
                                                "columns",
                                                header.stream().map(RowError::field).toList())
                                        .concerning(grant.parties())));
    }

    private RowSource open(
            PushCommand cmd,
            FeedSchema schema,
            Reader reader,
            java.util.function.Consumer<List<RowError>> refused)
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

    private static void flush(CopyIn copy, StringBuilder batch) throws SQLException {
        if (batch.length() == 0) {
            return;
        }
        byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        batch.setLength(0);
    }

    /**
     * Nothing to store and no declaration that the period is empty: an empty body, a header alone,
     * or every row skipped as invalid would otherwise replace (delete) the period's earlier data.
     */
    private PactumException empty(
            Caller caller,
            PushCommand cmd,
            FeedSchema schema,
            PushGrant grant,
            RowErrors errors,
            long received) {
        audit.appendAlone(
                Actor.of(caller),
                AuditEvent.denied(
                                "submission.push",
                                "feed:" + schema.code(),
                                "the extract has no rows to store; nothing changed")
                        .with("feed", schema.code())
                        .with("period", cmd.period())
                        .with("rowsReceived", received)
                        .with("rowsRejected", errors.invalidRows())
                        .concerning(grant.parties()));
        return new PactumException(
                IngestProblems.EMPTY_EXTRACT,
                (received == 0
                                ? "The extract holds no rows"
                                : "All " + received + " rows are invalid, so none would be stored")
                        + ". The period's earlier data is unchanged. If the period really has no"
                        + " records, push again with ?emptyPeriod=true.",
                Map.of("rowsReceived", received, "invalidRowCount", errors.invalidRows()));
    }

    private PactumException notEmpty(
            Caller caller, PushCommand cmd, FeedSchema schema, PushGrant grant, long received) {
        audit.appendAlone(
                Actor.of(caller),
                AuditEvent.denied(
                                "submission.push",
                                "feed:" + schema.code(),
                                "period declared empty but the extract has rows; nothing changed")
                        .with("feed", schema.code())
                        .with("period", cmd.period())
                        .with("rowsReceived", received)
                        .with("emptyPeriod", true)
                        .concerning(grant.parties()));
        return new PactumException(
                IngestProblems.NOT_AN_EMPTY_EXTRACT,
                "The push declares the period empty (emptyPeriod=true) but the extract holds "
                        + received
                        + " rows. Nothing was changed: push without emptyPeriod to store them.",
                Map.of("rowsReceived", received));
    }

    private PactumException rejected(
            Caller caller,
            PushCommand cmd,
            FeedSchema schema,
            PushGrant grant,
            RowErrors errors,
            long received) {
        audit.appendAlone(
                Actor.of(caller),
                AuditEvent.denied(
                                "submission.push",
                                "feed:" + schema.code(),
                                errors.invalidRows() + " invalid rows; nothing stored")
                        .with("feed", schema.code())
                        .with("period", cmd.period())
                        .with("rowsReceived", received)
                        .with("rowsRejected", errors.invalidRows())
                        .with("errors", errors.errors())
                        .concerning(grant.parties()));
        RowError first = errors.first().get(0);
        return new PactumException(
                IngestProblems.INVALID_ROWS,
                errors.invalidRows()
                        + " row(s) are invalid, so nothing was stored. "
                        + "First: line "
                        + first.line()
                        + ", "
                        + first.field()
                        + " "
                        + first.reason()
                        + ". Fix them and push again, or push with ?invalidRows=skip to store the valid rows.",
                Map.of(
                        "errors",
                        errors.first(),
                        "errorCount",
                        errors.errors(),
                        "invalidRowCount",
                        errors.invalidRows(),
                        "rowsReceived",
                        received));
    }
}
