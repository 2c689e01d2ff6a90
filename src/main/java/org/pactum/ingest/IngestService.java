package org.pactum.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pactum.agreement.AgreementService;
import org.pactum.agreement.PushGrant;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FeedService;
import org.pactum.feed.Geography;
import org.pactum.partner.OrganisationService;
import org.pactum.partner.OrganisationType;
import org.pactum.platform.Timing;
import org.pactum.problem.PactumException;
import org.pactum.problem.ProblemType;
import org.pactum.pseudonym.KeyRing;
import org.pactum.pseudonym.PersonIds;
import org.pactum.security.Caller;

/**
 * Pushed extracts: who may push (a submitter of the feed's provider, under an ACTIVE agreement, as
 * the agreement decision point says), idempotent replays, and withdrawal. The streaming itself is
 * {@link SubmissionWriter}'s, in one transaction per submission.
 */
@ApplicationScoped
public class IngestService {

    private static final Pattern PERIOD =
            Pattern.compile(
                    "\\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?|\\d{4}/\\d{2}-(autumn|spring|summer)");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Inject IngestMetrics metrics;

    @Inject FeedService feeds;

    @Inject OrganisationService organisations;

    @Inject AgreementService agreements;

    @Inject SubmissionWriter writer;

    @Inject SubmissionStore store;

    @Inject Geography geography;

    @Inject KeyRing keys;

    @Inject AuditLog audit;

    @Inject IngestConfig config;

    @Inject PushRefusals refusals;

    /** The outcome of a push: a new submission, or the original one replayed for a repeated key. */
    public record PushResult(SubmissionView submission, boolean replayed) {}

    /** Pushes an extract; every push, accepted or refused, is counted and timed for operators. */
    public PushResult push(Caller caller, PushCommand cmd, InputStream body) {
        long declared = cmd.contentLength() == null ? 0 : cmd.contentLength();
        return Timing.timed(
                () -> pushUnmeasured(caller, cmd, body),
                (result, took) ->
                        metrics.accepted(
                                result.replayed() ? 0 : result.submission().rowsStored(),
                                result.replayed() ? 0 : result.submission().rowsRejected(),
                                declared,
                                took),
                took -> metrics.refused(declared, took));
    }

    private PushResult pushUnmeasured(Caller caller, PushCommand cmd, InputStream body) {
        FeedSchema schema =
                feeds.schema(cmd.feed())
                        .orElseThrow(() -> PactumException.notFound("Feed", cmd.feed()));
        checkCommand(cmd);
        requireProvider(caller, schema);
        PushGrant grant = agreements.decidePush(caller, schema.code());
        // The push is checked against the version the covering agreements' parties approved.
        schema = feeds.schema(schema.code(), grant.feedVersion()).orElseThrow();
        if (cmd.contentLength() != null && cmd.contentLength() > config.maxBodyBytes()) {
            throw refusals.tooLarge(caller, schema, grant);
        }
        InputStream limited = new LimitedInputStream(body, config.maxBodyBytes());
        if (cmd.idempotencyKey() != null) {
            Optional<SubmissionView> earlier =
                    store.findByKey(caller.organisation(), cmd.idempotencyKey());
            if (earlier.isPresent()) {
                return replay(
                        caller, cmd, grant, earlier.get(), sha256(caller, schema, grant, limited));
            }
        }
        Push push =
                new Push(
                        caller,
                        cmd,
                        schema,
                        grant,
                        geography.lookup(),
                        new PersonIds(keys.storageKey()));
        try {
            return new PushResult(writer.write(push, limited), false);
        } catch (SubmissionWriter.IdempotencyRace race) {
            SubmissionView winner =
                    store.findByKey(caller.organisation(), cmd.idempotencyKey()).orElseThrow();
            return replay(caller, cmd, grant, winner, race.sha256);
        } catch (LimitedInputStream.TooLarge e) {
            throw refusals.tooLarge(caller, schema, grant);
        } catch (SubmissionWriter.UploadInterrupted e) {
            throw refusals.interrupted(push);
        }
    }

    /**
     * The same key and the same body: the original submission. The same key and another body: 409.
     */
    private PushResult replay(
            Caller caller,
            PushCommand cmd,
            PushGrant grant,
            SubmissionView earlier,
            String sha256) {
        // A replay is the same request again: same body, and for the same feed and period.
        if (!earlier.sha256().equals(sha256)
                || !earlier.feed().equals(cmd.feed())
                || !earlier.period().equals(cmd.period())) {
            audit.appendAlone(
                    Actor.of(caller),
                    AuditEvent.denied(
                                    "submission.push",
                                    "submission:" + earlier.id(),
                                    "Idempotency-Key reused for a different request")
                            .concerning(grant.parties()));
            throw new PactumException(
                    IngestProblems.IDEMPOTENCY_CONFLICT,
                    "This Idempotency-Key was first used for submission "
                            + earlier.id()
                            + " with a different body, feed or period. Use a new key for a new extract.");
        }
        audit.appendAlone(
                Actor.of(caller),
                AuditEvent.allowed("submission.replay", "submission:" + earlier.id())
                        .with("sha256", sha256)
                        .concerning(grant.parties()));
        return new PushResult(earlier, true);
    }

    private String sha256(Caller caller, FeedSchema schema, PushGrant grant, InputStream body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (DigestInputStream in = new DigestInputStream(body, sha)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (LimitedInputStream.TooLarge e) {
            throw refusals.tooLarge(caller, schema, grant);
        } catch (IOException e) {
            throw new PactumException(
                    IngestProblems.INCOMPLETE_UPLOAD,
                    "The upload ended early; push the whole extract again.");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void checkCommand(PushCommand cmd) {
        if (cmd.mediaType() == null
                || !(cmd.mediaType().startsWith(PushResource.CSV)
                        || cmd.mediaType().startsWith(PushResource.NDJSON))) {
            throw new PactumException(
                    ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the extract with Content-Type "
                            + PushResource.CSV
                            + " or "
                            + PushResource.NDJSON);
        }
        if (cmd.period() == null || !PERIOD.matcher(cmd.period()).matches()) {
            throw new PactumException(
                    ProblemType.INVALID_REQUEST,
                    "Give the extract's period as ?period=YYYY-MM (or YYYY-Qn, YYYY)",
                    Map.of(
                            "errors",
                            List.of(
                                    Map.of(
                                            "field",
                                            "period",
                                            "reason",
                                            "must be YYYY-MM, YYYY-Qn or YYYY"))));
        }
        if (cmd.idempotencyKey() != null && !KEY.matcher(cmd.idempotencyKey()).matches()) {
            throw new PactumException(
                    ProblemType.INVALID_REQUEST,
                    "Idempotency-Key must be 1-128 letters, digits or . _ : -",
                    Map.of(
                            "errors",
                            List.of(
                                    Map.of(
                                            "field",
                                            "Idempotency-Key",
                                            "reason",
                                            "must be 1-128 letters, digits or . _ : -"))));
        }
    }

    private void requireProvider(Caller caller, FeedSchema schema) {
        Optional<OrganisationType> type = organisations.typeOf(caller.organisation());
        if (type.isEmpty() || type.get() != schema.providerType()) {
            String reason =
                    "organisation "
                            + (caller.organisation() == null ? "(none)" : caller.organisation())
                            + " does not provide "
                            + schema.code()
                            + " (provided by "
                            + schema.providerType()
                            + " organisations)";
            audit.appendAlone(
                    Actor.of(caller),
                    AuditEvent.denied("submission.push", "feed:" + schema.code(), reason)
                            .concerning(caller.organisation()));
            throw new PactumException(
                    IngestProblems.WRONG_PROVIDER,
                    Character.toUpperCase(reason.charAt(0)) + reason.substring(1));
        }
    }

    // ----- reading and withdrawal -----------------------------------------------------------

    public SubmissionView get(Caller caller, long id) {
        SubmissionView s =
                store.find(id).orElseThrow(() -> PactumException.notFound("Submission " + id));
        requireOwnerOrAdmin(caller, s, "submission.read");
        return s;
    }

    public List<SubmissionView> list(
            Caller caller, String feed, String period, String status, int limit) {
        String provider = caller.isAdmin() ? null : caller.organisation();
        if (!caller.isAdmin() && provider == null) {
            throw PactumException.forbidden("Your token carries no organisation");
        }
        return store.list(provider, feed, period, status, Math.max(1, Math.min(limit, 1000)));
    }

    /** Withdrawal deletes the rows; the record stays, WITHDRAWN, for the audit trail. */
    public SubmissionView withdraw(Caller caller, long id) {
        SubmissionView s =
                store.find(id).orElseThrow(() -> PactumException.notFound("Submission " + id));
        if (caller.isAdmin() || !caller.belongsTo(s.provider())) {
            deny(
                    caller,
                    s,
                    "submission.withdraw",
                    "only the provider's submitter or IG lead may withdraw its submissions");
        }
        return writer.withdraw(caller, s, agreements.concernedWith(s.provider(), s.feed()));
    }

    private void requireOwnerOrAdmin(Caller caller, SubmissionView s, String action) {
        if (!caller.isAdmin() && !caller.belongsTo(s.provider())) {
            deny(
                    caller,
                    s,
                    action,
                    "organisation "
                            + caller.organisation()
                            + " is not the provider of this submission");
        }
    }

    private void deny(Caller caller, SubmissionView s, String action, String reason) {
        audit.appendAlone(
                Actor.of(caller),
                AuditEvent.denied(action, "submission:" + s.id(), reason)
                        .concerning(caller.organisation()));
        throw PactumException.forbidden(
                Character.toUpperCase(reason.charAt(0)) + reason.substring(1));
    }

    /**
     * Serialises a change to one provider's stored rows of a feed and period (a data subject
     * request) with pushes for that period, until the caller's transaction ends.
     */
    @Transactional(TxType.MANDATORY)
    public void lockPeriod(String provider, String feed, String period) {
        store.lockPeriod(provider, feed, period);
    }
}
