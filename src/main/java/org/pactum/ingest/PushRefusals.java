package org.pactum.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.pactum.agreement.PushGrant;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.feed.FeedSchema;
import org.pactum.problem.PactumException;
import org.pactum.problem.ProblemType;
import org.pactum.security.Caller;

/**
 * A refused push after the decision point allowed it: what was wrong with the extract. Each is
 * audited on its own (the push's transaction rolls back) with counts and field names, never a
 * value, and answered with a problem that says what to fix.
 */
@ApplicationScoped
class PushRefusals {

    @Inject AuditLog audit;

    @Inject IngestConfig config;

    PactumException unreadable(Push p, FatalBodyException e) {
        deny(p, "unreadable body at line " + e.line + ": " + e.getMessage(), a -> a);
        return new PactumException(
                IngestProblems.UNREADABLE_BODY,
                "Line " + e.line + ": " + e.getMessage() + ". Nothing was stored.",
                Map.of("errors", List.of(new RowError(e.line, "(row)", e.getMessage()))));
    }

    PactumException notUtf8(Push p) {
        deny(p, "the body is not valid UTF-8; nothing stored", a -> inPeriod(a, p));
        return new PactumException(
                IngestProblems.UNREADABLE_BODY,
                "The body is not valid UTF-8; export it as UTF-8 and push again");
    }

    void invalidHeader(Push p, List<RowError> header) {
        deny(
                p,
                header.size() + " header problems; nothing stored",
                a -> inPeriod(a, p).with("columns", header.stream().map(RowError::field).toList()));
    }

    PactumException interrupted(Push p) {
        deny(
                p,
                "upload interrupted before the end of the body; nothing stored",
                a -> inPeriod(a, p));
        return new PactumException(
                IngestProblems.INCOMPLETE_UPLOAD,
                "The upload ended early, so nothing was stored. Push the whole extract again.");
    }

    PactumException tooLarge(Caller caller, FeedSchema schema, PushGrant grant) {
        deny(
                caller,
                schema,
                grant,
                "body larger than " + config.maxBodyBytes() + " bytes; nothing stored",
                a -> a);
        return new PactumException(
                ProblemType.PAYLOAD_TOO_LARGE,
                "The extract is larger than the limit of "
                        + config.maxBodyBytes()
                        + " bytes; nothing was stored. Split it by period.");
    }

    /**
     * Nothing to store and no declaration that the period is empty: an empty body, a header alone,
     * or every row skipped as invalid would otherwise replace (delete) the period's earlier data.
     */
    PactumException empty(Push p, RowErrors errors, long received) {
        deny(
                p,
                "the extract has no rows to store; nothing changed",
                a -> counted(a, p, received).with("rowsRejected", errors.invalidRows()));
        return new PactumException(
                IngestProblems.EMPTY_EXTRACT,
                (received == 0
                                ? "The extract holds no rows"
                                : "All " + received + " rows are invalid, so none would be stored")
                        + ". The period's earlier data is unchanged. If the period really has no"
                        + " records, push again with ?emptyPeriod=true.",
                Map.of("rowsReceived", received, "invalidRowCount", errors.invalidRows()));
    }

    PactumException notEmpty(Push p, long received) {
        deny(
                p,
                "period declared empty but the extract has rows; nothing changed",
                a -> counted(a, p, received).with("emptyPeriod", true));
        return new PactumException(
                IngestProblems.NOT_AN_EMPTY_EXTRACT,
                "The push declares the period empty (emptyPeriod=true) but the extract holds "
                        + received
                        + " rows. Nothing was changed: push without emptyPeriod to store them.",
                Map.of("rowsReceived", received));
    }

    PactumException rejected(Push p, RowErrors errors, long received) {
        deny(
                p,
                errors.invalidRows() + " invalid rows; nothing stored",
                a ->
                        counted(a, p, received)
                                .with("rowsRejected", errors.invalidRows())
                                .with("errors", errors.errors()));
        RowError first = errors.first().get(0);
        return new PactumException(
                IngestProblems.INVALID_ROWS,
                errors.invalidRows()
                        + " row(s) are invalid, so nothing was stored. First: line "
                        + first.line()
                        + ", "
                        + first.field()
                        + " "
                        + first.reason()
                        + ". Fix them and push again, or push with ?invalidRows=skip to store the"
                        + " valid rows.",
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

    private static AuditEvent inPeriod(AuditEvent a, Push p) {
        return a.with("period", p.cmd().period());
    }

    private static AuditEvent counted(AuditEvent a, Push p, long received) {
        return inPeriod(a.with("feed", p.schema().code()), p).with("rowsReceived", received);
    }

    /** Audits a refused push, with the details {@code more} adds. */
    private void deny(Push p, String reason, UnaryOperator<AuditEvent> more) {
        deny(p.caller(), p.schema(), p.grant(), reason, more);
    }

    private void deny(
            Caller caller,
            FeedSchema schema,
            PushGrant grant,
            String reason,
            UnaryOperator<AuditEvent> more) {
        audit.appendAlone(
                Actor.of(caller),
                more.apply(AuditEvent.denied("submission.push", "feed:" + schema.code(), reason))
                        .concerning(grant.parties()));
    }
}
