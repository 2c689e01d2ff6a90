package org.pactum.agreement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FeedService;
import org.pactum.platform.CanonicalJson;
import org.pactum.problem.PactumException;
import org.pactum.problem.ProblemType;
import org.pactum.security.Caller;
import org.pactum.security.Roles;

/**
 * Data-sharing agreements: drafting, approval by every party, suspension, revocation, expiry, and
 * the one decision point that ingest and release must ask. Each method checks, acts, then records:
 * the audit entry commits with the change, and every refusal is audited with its reason.
 */
@ApplicationScoped
public class AgreementService {

    /** Agreements are dated in the partnership's own time zone. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    @Inject AgreementRepository agreements;

    @Inject AgreementRules rules;

    @Inject FeedService feeds;

    @Inject AuditLog audit;

    @Inject ObjectMapper json;

    @Inject jakarta.enterprise.inject.Instance<JointRiskCheck> jointRisk;

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    // ----- lifecycle ------------------------------------------------------------------------

    @Transactional
    public AgreementView create(Caller caller, AgreementContent content) {
        String id = "dsa-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        mayDraft(caller, "agreement.create", id, content);
        validate(caller, "agreement.create", id, content);
        content = boundToFeedVersions(content);
        Instant now = Instant.now();
        Agreement a = new Agreement();
        a.id = id;
        a.status = AgreementStatus.DRAFT;
        a.currentVersion = 1;
        a.createdAt = now;
        applyContent(a, content, now);
        agreements.persist(a);
        AgreementVersion v = storeVersion(caller, a, content, now);
        event(caller, a, "created", null, AgreementStatus.DRAFT, null);
        record(
                caller,
                a,
                AuditEvent.allowed("agreement.create", "agreement:" + id)
                        .with("version", 1)
                        .with("contentHash", v.contentHash));
        return view(a);
    }

    /** Any change is a new version, back in DRAFT: every party must approve it again. */
    @Transactional
    public AgreementView amend(Caller caller, String id, AgreementContent content) {
        Agreement a = locked(caller, "agreement.amend", id);
        mayDraft(caller, "agreement.amend", id, currentContent(a));
        mayDraft(caller, "agreement.amend", id, content);
        requireStatus(
                caller,
                "agreement.amend",
                a,
                AgreementStatus.DRAFT,
                AgreementStatus.PROPOSED,
                AgreementStatus.ACTIVE,
                AgreementStatus.SUSPENDED);
        validate(caller, "agreement.amend", id, content);
        content = boundToFeedVersions(content);
        AgreementStatus from = a.status;
        Instant now = Instant.now();
        a.currentVersion++;
        a.status = AgreementStatus.DRAFT;
        a.suspendedBy = null;
        a.statusReason = null;
        applyContent(a, content, now);
        AgreementVersion v = storeVersion(caller, a, content, now);
        event(caller, a, "amended", from, AgreementStatus.DRAFT, null);
        record(
                caller,
                a,
                AuditEvent.allowed("agreement.amend", "agreement:" + id)
                        .with("version", a.currentVersion)
                        .with("contentHash", v.contentHash)
                        .with("previousStatus", from.name()));
        return view(a);
    }

    @Transactional
    public AgreementView propose(Caller caller, String id) {
        Agreement a = locked(caller, "agreement.propose", id);
        mayDraft(caller, "agreement.propose", id, currentContent(a));
        requireStatus(caller, "agreement.propose", a, AgreementStatus.DRAFT);
        transition(caller, a, "proposed", AgreementStatus.PROPOSED, null);
        record(
                caller,
                a,
                AuditEvent.allowed("agreement.propose", "agreement:" + id)
                        .with("version", a.currentVersion)
                        .with("contentHash", currentVersion(a).contentHash));
        return view(a);
    }

    /**
     * Binds the approval to the content hash; the last party's approval makes the agreement ACTIVE.
     */
    @Transactional
    public AgreementView approve(Caller caller, String id, ApprovalRequest request) {
        Agreement a = locked(caller, "agreement.approve", id);
        requireIgLeadOfParty(caller, "agreement.approve", a);
        requireStatus(caller, "agreement.approve", a, AgreementStatus.PROPOSED);
        AgreementVersion current = currentVersion(a);
        if (request.version() != a.currentVersion
                || !current.contentHash.equals(request.contentHash())) {
            throw deny(
                    caller,
                    "agreement.approve",
                    a,
                    AgreementProblems.STALE_APPROVAL,
                    "approval names version "
                            + request.version()
                            + " but version "
                            + a.currentVersion
                            + " (contentHash "
                            + current.contentHash
                            + ") is the one proposed");
        }
        if (agreements.approvals(id, a.currentVersion).stream()
                .anyMatch(ap -> ap.organisation.equals(caller.organisation()))) {
            throw deny(
                    caller,
                    "agreement.approve",
                    a,
                    ProblemType.CONFLICT,
                    caller.organisation() + " has already approved version " + a.currentVersion);
        }
        AgreementApproval approval = new AgreementApproval();
        approval.agreementId = id;
        approval.version = a.currentVersion;
        approval.organisation = caller.organisation();
        approval.approver = caller.subject();
        approval.contentHash = current.contentHash;
        approval.approvedAt = Instant.now();
        approval.persist();
        event(caller, a, "approved", a.status, a.status, null);
        Set<String> awaiting = awaiting(a);
        awaiting.remove(caller.organisation());
        AuditEvent approved =
                AuditEvent.allowed("agreement.approve", "agreement:" + id)
                        .with("version", a.currentVersion)
                        .with("contentHash", current.contentHash)
                        .with("awaiting", List.copyOf(awaiting));
        if (awaiting.isEmpty()) {
            jointRiskChecked(caller, a);
            transition(caller, a, "activated", AgreementStatus.ACTIVE, "approved by every party");
            approved = approved.with("activated", true);
        }
        record(caller, a, approved);
        return view(a);
    }

    /**
     * Takes effect on the very next request: the decision point reads the status in every request.
     */
    @Transactional
    public AgreementView suspend(Caller caller, String id, String reason) {
        Agreement a = locked(caller, "agreement.suspend", id);
        requireIgLeadOfParty(caller, "agreement.suspend", a);
        requireStatus(caller, "agreement.suspend", a, AgreementStatus.ACTIVE);
        a.suspendedBy = caller.organisation();
        transition(caller, a, "suspended", AgreementStatus.SUSPENDED, reason);
        record(
                caller,
                a,
                AuditEvent.allowed("agreement.suspend", "agreement:" + id).with("reason", reason));
        return view(a);
    }

    /** Only the organisation that suspended an agreement may resume it. */
    @Transactional
    public AgreementView resume(Caller caller, String id) {
        Agreement a = locked(caller, "agreement.resume", id);
        requireIgLeadOfParty(caller, "agreement.resume", a);
        requireStatus(caller, "agreement.resume", a, AgreementStatus.SUSPENDED);
        if (!caller.organisation().equals(a.suspendedBy)) {
            throw deny(
                    caller,
                    "agreement.resume",
                    a,
                    ProblemType.FORBIDDEN,
                    "only " + a.suspendedBy + ", which suspended this agreement, can resume it");
        }
        a.suspendedBy = null;
        transition(caller, a, "resumed", AgreementStatus.ACTIVE, null);
        record(caller, a, AuditEvent.allowed("agreement.resume", "agreement:" + id));
        return view(a);
    }

    /** Final: a revoked agreement never permits anything again. */
    @Transactional
    public AgreementView revoke(Caller caller, String id, String reason) {
        Agreement a = locked(caller, "agreement.revoke", id);
        requireIgLeadOfParty(caller, "agreement.revoke", a);
        requireStatus(
                caller,
                "agreement.revoke",
                a,
                AgreementStatus.DRAFT,
                AgreementStatus.PROPOSED,
                AgreementStatus.ACTIVE,
                AgreementStatus.SUSPENDED);
        transition(caller, a, "revoked", AgreementStatus.REVOKED, reason);
        record(
                caller,
                a,
                AuditEvent.allowed("agreement.revoke", "agreement:" + id).with("reason", reason));
        return view(a);
    }

    @Scheduled(
            every = "${pactum.agreements.expiry-check:15m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireOnSchedule() {
        expireEnded(today());
    }

    /** Moves every live agreement whose window ended before {@code today} to EXPIRED. */
    @Transactional
    public int expireEnded(LocalDate today) {
        int expired = 0;
        for (Agreement candidate : agreements.windowEnded(today)) {
            Agreement a = agreements.lock(candidate.id).orElseThrow();
            if (a.status.isFinal() || !a.validTo.isBefore(today)) {
                continue; // another instance got there first
            }
            AgreementStatus from = a.status;
            a.status = AgreementStatus.EXPIRED;
            a.statusReason = "validity window ended " + a.validTo;
            a.updatedAt = Instant.now();
            AgreementEvent e =
                    newEvent(
                            a,
                            "expired",
                            from,
                            AgreementStatus.EXPIRED,
                            "pactum:scheduler",
                            null,
                            a.statusReason);
            e.persist();
            audit.append(
                    Actor.system("scheduler"),
                    AuditEvent.allowed("agreement.expire", "agreement:" + a.id)
                            .underAgreement(a.id, currentContent(a).purpose())
                            .concerning(a.parties)
                            .with("validTo", a.validTo.toString()));
            expired++;
        }
        return expired;
    }

    // ----- reading --------------------------------------------------------------------------

    public List<AgreementView> list(Caller caller, AgreementStatus status, boolean reviewDue) {
        String org = caller.isAdmin() ? null : requireOrganisation(caller);
        boolean recipientOnly = !caller.isAdmin() && !caller.hasRole(Roles.IG_LEAD);
        return agreements.visible(org, recipientOnly, status, reviewDue, today()).stream()
                .map(this::view)
                .toList();
    }

    @Transactional
    public AgreementView get(Caller caller, String id) {
        Agreement a = found(caller, "agreement.read", id);
        requireVisible(caller, a);
        return view(a);
    }

    @Transactional
    public AgreementHistory history(Caller caller, String id) {
        Agreement a = found(caller, "agreement.read", id);
        requireVisible(caller, a);
        List<AgreementHistory.Version> versions =
                agreements.versions(id).stream()
                        .map(
                                v ->
                                        new AgreementHistory.Version(
                                                v.version,
                                                v.contentHash,
                                                v.createdAt,
                                                v.createdBy,
                                                v.createdByOrg,
                                                parse(v.content)))
                        .toList();
        List<AgreementHistory.Approval> approvals =
                agreements.approvals(id).stream()
                        .map(
                                ap ->
                                        new AgreementHistory.Approval(
                                                ap.version,
                                                ap.organisation,
                                                ap.approver,
                                                ap.contentHash,
                                                ap.approvedAt))
                        .toList();
        List<AgreementHistory.Event> events =
                agreements.events(id).stream()
                        .map(
                                e ->
                                        new AgreementHistory.Event(
                                                e.occurredAt,
                                                e.version,
                                                e.action,
                                                e.fromStatus,
                                                e.toStatus,
                                                e.actor,
                                                e.actorOrg,
                                                e.reason))
                        .toList();
        return new AgreementHistory(id, versions, approvals, events);
    }

    // ----- the decision point ---------------------------------------------------------------

    /**
     * May this caller receive {@code feed} at {@code level} under agreement {@code id}, now? The
     * caller's organisation must be a recipient, the agreement ACTIVE and within its window, the
     * feed covered, and the level permitted (health feeds never at record level: PCSC Act 2022
     * s16(4)). A refusal is audited with its reason and thrown as a 403/404 problem.
     */
    @Transactional
    public ReleaseGrant decideRelease(Caller caller, String id, String feed, ReleaseLevel level) {
        String action = level == ReleaseLevel.RECORD ? "release.records" : "release.aggregate";
        Agreement a = found(caller, action, id);
        AgreementContent content = currentContent(a);
        if (caller.organisation() == null || !a.recipients.contains(caller.organisation())) {
            throw deny(
                    caller,
                    action,
                    a,
                    AgreementProblems.NOT_A_PARTY,
                    "organisation "
                            + orNone(caller.organisation())
                            + " is not a recipient under this agreement");
        }
        if (a.status != AgreementStatus.ACTIVE) {
            throw deny(
                    caller,
                    action,
                    a,
                    AgreementProblems.NOT_PERMITTED,
                    "agreement is "
                            + a.status
                            + (a.statusReason == null ? "" : " (" + a.statusReason + ")"));
        }
        LocalDate today = today();
        if (today.isBefore(content.validFrom()) || today.isAfter(content.validTo())) {
            throw deny(
                    caller,
                    action,
                    a,
                    AgreementProblems.NOT_PERMITTED,
                    "today is outside the agreement's validity window "
                            + content.validFrom()
                            + " to "
                            + content.validTo());
        }
        if (!content.covers(feed)) {
            throw deny(
                    caller,
                    action,
                    a,
                    AgreementProblems.NOT_PERMITTED,
                    "feed " + PactumException.shown(feed) + " is not covered by this agreement");
        }
        if (level == ReleaseLevel.RECORD && content.releaseLevel() != ReleaseLevel.RECORD) {
            throw deny(
                    caller,
                    action,
                    a,
                    AgreementProblems.NOT_PERMITTED,
                    "this agreement permits aggregates only");
        }
        if (level == ReleaseLevel.RECORD
                && feeds.schema(feed).map(FeedSchema::aggregateOnly).orElse(true)) {
            throw deny(
                    caller,
                    action,
                    a,
                    AgreementProblems.NOT_PERMITTED,
                    feed
                            + " is health data and is released only as aggregates (PCSC Act 2022 s16(4))");
        }
        return new ReleaseGrant(
                a.id,
                a.currentVersion,
                currentVersion(a).contentHash,
                content,
                feed,
                content.parties(),
                content.providersOf(feed));
    }

    /**
     * May the caller's organisation push {@code feed} now? It must be a provider of that feed under
     * at least one ACTIVE agreement within its window. A refusal is audited and thrown as 409.
     */
    @Transactional
    public PushGrant decidePush(Caller caller, String feed) {
        String org = requireOrganisation(caller);
        LocalDate today = today();
        Set<String> ids = new TreeSet<>();
        Set<String> parties = new TreeSet<>();
        int feedVersion = 0;
        for (Agreement a : agreements.activeWithParty(org)) {
            AgreementContent c = currentContent(a);
            if (c.provides(org, feed)
                    && !today.isBefore(c.validFrom())
                    && !today.isAfter(c.validTo())) {
                ids.add(a.id);
                parties.addAll(c.parties());
                feedVersion = Math.max(feedVersion, c.feedVersion(feed));
            }
        }
        if (ids.isEmpty()) {
            audit.appendAlone(
                    Actor.of(caller),
                    AuditEvent.denied(
                                    "submission.push",
                                    "feed:" + PactumException.shown(feed),
                                    "no ACTIVE agreement covers "
                                            + org
                                            + " providing "
                                            + PactumException.shown(feed))
                            .concerning(org));
            throw new PactumException(
                    AgreementProblems.NO_COVERING_AGREEMENT,
                    "No ACTIVE agreement within its validity window covers "
                            + org
                            + " providing "
                            + PactumException.shown(feed)
                            + ". Ask your IG lead to agree one before pushing.");
        }
        return new PushGrant(org, feed, ids, parties, feedVersion);
    }

    /**
     * Decides a push again just before it commits, inside its transaction: an extract may stream
     * for up to an hour, and suspension takes effect on the next request (DESIGN.md), so an
     * agreement suspended or revoked meanwhile stops the push. The agreements that granted it are
     * held (FOR SHARE) until the push's transaction ends, so no suspension can slip in between this
     * check and the commit; a suspension under way is waited for, then seen.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public PushGrant confirmPush(Caller caller, PushGrant grant) {
        agreements.holdUntilCommit(grant.agreementIds());
        return decidePush(caller, grant.feed());
    }

    /**
     * The organisations party to any agreement (live or not) that covers {@code org} providing
     * {@code feed}.
     */
    public Set<String> concernedWith(String org, String feed) {
        Set<String> out = new TreeSet<>();
        out.add(org);
        providing(org, feed).values().forEach(c -> out.addAll(c.parties()));
        return out;
    }

    /**
     * Every agreement (any status) under which {@code org} provides {@code feed}, with its current
     * content.
     */
    private Map<Agreement, AgreementContent> providing(String org, String feed) {
        Map<Agreement, AgreementContent> out = new java.util.LinkedHashMap<>();
        for (Agreement a : agreements.visible(org, false, null, false, today())) {
            AgreementContent c = currentContent(a);
            if (c.provides(org, feed)) {
                out.put(a, c);
            }
        }
        return out;
    }

    /**
     * How long data {@code org} provides as {@code feed} may be kept: the longest retention of any
     * agreement (ever approved, so not a DRAFT) under which it was provided, with those agreements'
     * parties. Empty when no agreement governs it.
     */
    public java.util.Optional<Retention> retention(String org, String feed) {
        int months = 0;
        Set<String> parties = new TreeSet<>();
        for (Map.Entry<Agreement, AgreementContent> e : providing(org, feed).entrySet()) {
            if (e.getKey().status != AgreementStatus.DRAFT) {
                months = Math.max(months, e.getValue().retentionMonths());
                parties.addAll(e.getValue().parties());
            }
        }
        return months == 0
                ? java.util.Optional.empty()
                : java.util.Optional.of(new Retention(months, parties));
    }

    /** A retention period and the organisations concerned by data kept under it. */
    public record Retention(int months, Set<String> parties) {}

    /**
     * Binds the content to the feed versions its parties will approve: each covered feed the draft
     * does not name is bound to its current version, so a later version is never covered silently.
     */
    private AgreementContent boundToFeedVersions(AgreementContent content) {
        Map<String, Integer> versions =
                new java.util.TreeMap<>(
                        content.feedVersions() == null ? Map.of() : content.feedVersions());
        for (AgreementContent.Provider p : content.providers()) {
            for (String feed : p.feeds()) {
                if (!versions.containsKey(feed)) {
                    feeds.schema(feed).ifPresent(s -> versions.put(feed, s.version()));
                }
            }
        }
        return content.withFeedVersions(versions);
    }

    /**
     * Issue 15: one recipient may not hold joinable record extracts of the same feed under two
     * agreements unless the parties of the second approved a joint risk check (by naming the first
     * in {@code recordRisk.jointWith}) and the check, computed now over the union of both
     * agreements' released quasi-identifiers, passes. Each check is audited.
     */
    private void jointRiskChecked(Caller caller, Agreement a) {
        AgreementContent content = currentContent(a);
        if (content.releaseLevel() != ReleaseLevel.RECORD) {
            return;
        }
        for (Agreement other : agreements.recordHolders(a.recipients)) {
            if (other.id.equals(a.id)) {
                continue;
            }
            AgreementContent theirs = currentContent(other);
            if (theirs.releaseLevel() != ReleaseLevel.RECORD) {
                continue;
            }
            for (AgreementContent.Provider p : content.providers()) {
                for (String feed : p.feeds()) {
                    if (theirs.covers(feed)) {
                        jointRiskChecked(caller, a, content, other, theirs, feed);
                    }
                }
            }
        }
    }

    private void jointRiskChecked(
            Caller caller,
            Agreement a,
            AgreementContent content,
            Agreement other,
            AgreementContent theirs,
            String feed) {
        Set<String> shared = new TreeSet<>(a.recipients);
        shared.retainAll(other.recipients);
        if (!content.risk().jointWith().contains(other.id)) {
            throw deny(
                    caller,
                    "agreement.approve",
                    a,
                    AgreementProblems.JOINT_RISK_CHECK_REQUIRED,
                    String.join(", ", shared)
                            + " already receives records of "
                            + feed
                            + " under agreement "
                            + other.id
                            + "; the parties must approve a joint risk check by naming it in"
                            + " recordRisk.jointWith before this agreement can become ACTIVE");
        }
        JointRiskCheck.Result r = jointRisk.get().check(feed, a.id, content, other.id, theirs);
        AuditEvent checked =
                (r.passed()
                                ? AuditEvent.allowed(
                                        "agreement.joint-risk-check", "agreement:" + a.id)
                                : AuditEvent.denied(
                                        "agreement.joint-risk-check",
                                        "agreement:" + a.id,
                                        "joint risk with "
                                                + other.id
                                                + " too high: "
                                                + r.valuesSuppressed()
                                                + " quasi-identifier values would need suppressing"))
                        .underAgreement(a.id, content.purpose())
                        .concerning(a.parties)
                        .concerning(other.parties)
                        .with("feed", feed)
                        .with("jointWith", other.id)
                        .with("quasiIdentifiers", r.quasiIdentifiers())
                        .with("k", r.k())
                        .with("kAchieved", r.kAchieved())
                        .with("records", r.records())
                        .with("valuesSuppressed", r.valuesSuppressed())
                        .with("suppressedShare", r.suppressedShare());
        if (!r.passed()) {
            audit.appendAlone(Actor.of(caller), checked);
            throw new PactumException(
                    AgreementProblems.JOINT_RISK_TOO_HIGH,
                    "Together with agreement "
                            + other.id
                            + ", records of "
                            + feed
                            + " would need "
                            + r.valuesSuppressed()
                            + " quasi-identifier values suppressed to keep every combination at k="
                            + r.k()
                            + ", more than recordRisk.maxSuppressedShare allows. Release fewer or"
                            + " coarser quasi-identifiers under one of them.",
                    Map.of("setting", "recordRisk.maxSuppressedShare", "jointWith", other.id));
        }
        audit.append(Actor.of(caller), checked);
    }

    // ----- checks ---------------------------------------------------------------------------

    private void mayDraft(Caller caller, String action, String id, AgreementContent content) {
        if (caller.isAdmin()) {
            return;
        }
        if (!caller.hasRole(Roles.IG_LEAD)
                || caller.organisation() == null
                || !content.parties().contains(caller.organisation())) {
            audit.appendAlone(
                    Actor.of(caller),
                    AuditEvent.denied(
                                    action,
                                    "agreement:" + id,
                                    "only an administrator or the IG lead of a party may draft or propose")
                            .underAgreement(id, null)
                            .concerning(content.parties())
                            .concerning(caller.organisation()));
            throw new PactumException(
                    AgreementProblems.NOT_A_PARTY,
                    "Only an administrator or the IG lead of a party to the agreement "
                            + "may draft, amend or propose it");
        }
    }

    private void validate(Caller caller, String action, String id, AgreementContent content) {
        List<AgreementRules.Violation> violations = rules.check(content, today());
        if (violations.isEmpty()) {
            return;
        }
        audit.appendAlone(
                Actor.of(caller),
                AuditEvent.denied(
                                action,
                                "agreement:" + id,
                                "invalid: "
                                        + violations.stream()
                                                .map(v -> v.field() + " " + v.reason())
                                                .collect(Collectors.joining("; ")))
                        .underAgreement(id, null)
                        .concerning(content.parties()));
        List<Map<String, Object>> errors =
                violations.stream()
                        .map(v -> Map.<String, Object>of("field", v.field(), "reason", v.reason()))
                        .toList();
        throw new PactumException(
                AgreementProblems.INVALID,
                "The agreement breaks "
                        + violations.size()
                        + (violations.size() == 1 ? " rule" : " rules")
                        + ": "
                        + violations.get(0).field()
                        + " "
                        + violations.get(0).reason()
                        + (violations.size() > 1 ? " (and more, see errors)" : ""),
                Map.of("errors", errors));
    }

    private void requireIgLeadOfParty(Caller caller, String action, Agreement a) {
        if (!caller.hasRole(Roles.IG_LEAD)
                || caller.organisation() == null
                || !a.parties.contains(caller.organisation())) {
            throw deny(
                    caller,
                    action,
                    a,
                    AgreementProblems.NOT_A_PARTY,
                    "only the IG lead of a party may do this; "
                            + orNone(caller.organisation())
                            + " is not a party");
        }
    }

    private void requireStatus(
            Caller caller, String action, Agreement a, AgreementStatus... allowed) {
        for (AgreementStatus s : allowed) {
            if (a.status == s) {
                return;
            }
        }
        throw deny(
                caller,
                action,
                a,
                AgreementProblems.WRONG_STATE,
                "the agreement is "
                        + a.status
                        + "; this needs "
                        + java.util.Arrays.stream(allowed)
                                .map(Enum::name)
                                .collect(Collectors.joining(" or ")));
    }

    private void requireVisible(Caller caller, Agreement a) {
        if (caller.isAdmin()) {
            return;
        }
        boolean igParty =
                caller.hasRole(Roles.IG_LEAD) && a.parties.contains(caller.organisation());
        boolean recipient =
                caller.hasRole(Roles.ANALYST) && a.recipients.contains(caller.organisation());
        if (!igParty && !recipient) {
            throw deny(
                    caller,
                    "agreement.read",
                    a,
                    AgreementProblems.NOT_A_PARTY,
                    "organisation "
                            + orNone(caller.organisation())
                            + " may not see this agreement");
        }
    }

    private static String requireOrganisation(Caller caller) {
        if (caller.organisation() == null) {
            throw PactumException.forbidden("Your token carries no organisation");
        }
        return caller.organisation();
    }

    private Agreement found(Caller caller, String action, String id) {
        return agreements.findByIdOptional(id).orElseThrow(() -> notFound(caller, action, id));
    }

    private Agreement locked(Caller caller, String action, String id) {
        return agreements.lock(id).orElseThrow(() -> notFound(caller, action, id));
    }

    private PactumException notFound(Caller caller, String action, String id) {
        audit.appendAlone(
                Actor.of(caller),
                AuditEvent.denied(
                                action,
                                "agreement:" + PactumException.shown(id),
                                "no such agreement")
                        .concerning(caller.organisation()));
        return PactumException.notFound("Agreement", id);
    }

    /**
     * Audits a refusal in its own transaction (the action's will roll back) and returns the problem
     * to throw.
     */
    private PactumException deny(
            Caller caller, String action, Agreement a, ProblemType type, String reason) {
        audit.appendAlone(
                Actor.of(caller),
                AuditEvent.denied(action, "agreement:" + a.id, reason)
                        .underAgreement(a.id, currentContent(a).purpose())
                        .concerning(a.parties)
                        .concerning(caller.organisation()));
        return new PactumException(type, capitalised(reason));
    }

    // ----- state ----------------------------------------------------------------------------

    private void applyContent(Agreement a, AgreementContent content, Instant now) {
        a.parties = List.copyOf(content.parties());
        a.recipients = List.copyOf(new TreeSet<>(content.recipients()));
        a.validTo = content.validTo();
        a.reviewDate = content.reviewDate();
        a.updatedAt = now;
    }

    private AgreementVersion storeVersion(
            Caller caller, Agreement a, AgreementContent content, Instant now) {
        AgreementVersion v = new AgreementVersion();
        v.agreementId = a.id;
        v.version = a.currentVersion;
        v.content = CanonicalJson.write(content);
        v.contentHash = CanonicalJson.sha256(v.content);
        v.createdAt = now;
        v.createdBy = caller.subject();
        v.createdByOrg = caller.organisation();
        v.persist();
        return v;
    }

    private void transition(
            Caller caller, Agreement a, String action, AgreementStatus to, String reason) {
        AgreementStatus from = a.status;
        a.status = to;
        a.statusReason = reason;
        a.updatedAt = Instant.now();
        event(caller, a, action, from, to, reason);
    }

    private void event(
            Caller caller,
            Agreement a,
            String action,
            AgreementStatus from,
            AgreementStatus to,
            String reason) {
        newEvent(a, action, from, to, caller.subject(), caller.organisation(), reason).persist();
    }

    private static AgreementEvent newEvent(
            Agreement a,
            String action,
            AgreementStatus from,
            AgreementStatus to,
            String actor,
            String actorOrg,
            String reason) {
        AgreementEvent e = new AgreementEvent();
        e.agreementId = a.id;
        e.version = a.currentVersion;
        e.occurredAt = Instant.now();
        e.action = action;
        e.fromStatus = from;
        e.toStatus = to;
        e.actor = actor;
        e.actorOrg = actorOrg;
        e.reason = reason;
        return e;
    }

    private void record(Caller caller, Agreement a, AuditEvent event) {
        audit.append(
                Actor.of(caller),
                event.underAgreement(a.id, currentContent(a).purpose())
                        .concerning(a.parties)
                        .with("status", a.status.name()));
    }

    private Set<String> awaiting(Agreement a) {
        Set<String> awaiting = new TreeSet<>(a.parties);
        agreements
                .approvals(a.id, a.currentVersion)
                .forEach(ap -> awaiting.remove(ap.organisation));
        return awaiting;
    }

    private AgreementVersion currentVersion(Agreement a) {
        return agreements.version(a.id, a.currentVersion);
    }

    AgreementContent currentContent(Agreement a) {
        return parse(currentVersion(a).content);
    }

    private AgreementContent parse(String content) {
        try {
            return json.readValue(content, AgreementContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored agreement content is unreadable", e);
        }
    }

    private AgreementView view(Agreement a) {
        AgreementVersion v = currentVersion(a);
        List<String> approved =
                agreements.approvals(a.id, a.currentVersion).stream()
                        .map(ap -> ap.organisation)
                        .sorted()
                        .toList();
        List<String> awaiting =
                a.status == AgreementStatus.DRAFT || a.status == AgreementStatus.PROPOSED
                        ? List.copyOf(awaiting(a))
                        : List.of();
        return new AgreementView(
                a.id,
                a.status,
                a.currentVersion,
                v.contentHash,
                parse(v.content),
                approved,
                awaiting,
                a.statusReason,
                a.suspendedBy,
                a.createdAt,
                a.updatedAt);
    }

    private static String orNone(String organisation) {
        return organisation == null ? "(none)" : organisation;
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
