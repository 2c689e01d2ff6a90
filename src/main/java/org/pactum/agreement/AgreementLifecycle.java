package org.pactum.agreement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.pactum.audit.AuditEvent;
import org.pactum.feed.FeedService;
import org.pactum.problem.ProblemType;
import org.pactum.security.Caller;

/**
 * An agreement's life: drafted, proposed, approved by every party, suspended, resumed, revoked.
 * Each method checks, acts, then records: the audit entry commits with the change, and every
 * refusal is audited with its reason. Expiry is {@link AgreementExpiry}'s.
 */
@ApplicationScoped
public class AgreementLifecycle {

    private static final AgreementStatus[] LIVE = {
        AgreementStatus.DRAFT,
        AgreementStatus.PROPOSED,
        AgreementStatus.ACTIVE,
        AgreementStatus.SUSPENDED
    };

    @Inject AgreementRepository agreements;

    @Inject AgreementStore store;

    @Inject AgreementChecks checks;

    @Inject AgreementRefusals refusals;

    @Inject AgreementRecorder recorder;

    @Inject JointRiskGate jointRisk;

    @Inject FeedService feeds;

    @Transactional
    public AgreementView create(Caller caller, AgreementContent content) {
        String id = "dsa-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        checks.mayDraft(caller, "agreement.create", id, content);
        checks.validate(caller, "agreement.create", id, content);
        content = boundToFeedVersions(content);
        Instant now = Instant.now();
        Agreement a = new Agreement();
        a.id = id;
        a.status = AgreementStatus.DRAFT;
        a.currentVersion = 1;
        a.createdAt = now;
        applyContent(a, content, now);
        agreements.persist(a);
        AgreementVersion v = recorder.storeVersion(caller, a, content, now);
        recorder.event(caller, a, "created", null, AgreementStatus.DRAFT, null);
        recorder.record(
                caller,
                a,
                AuditEvent.allowed("agreement.create", "agreement:" + id)
                        .with("version", 1)
                        .with("contentHash", v.contentHash));
        return store.view(a);
    }

    /** Any change is a new version, back in DRAFT: every party must approve it again. */
    @Transactional
    public AgreementView amend(Caller caller, String id, AgreementContent content) {
        Agreement a = refusals.locked(caller, "agreement.amend", id);
        checks.mayDraft(caller, "agreement.amend", id, store.currentContent(a));
        checks.mayDraft(caller, "agreement.amend", id, content);
        checks.requireStatus(caller, "agreement.amend", a, LIVE);
        checks.validate(caller, "agreement.amend", id, content);
        content = boundToFeedVersions(content);
        AgreementStatus from = a.status;
        Instant now = Instant.now();
        a.currentVersion++;
        a.status = AgreementStatus.DRAFT;
        a.suspendedBy = null;
        a.statusReason = null;
        applyContent(a, content, now);
        AgreementVersion v = recorder.storeVersion(caller, a, content, now);
        recorder.event(caller, a, "amended", from, AgreementStatus.DRAFT, null);
        recorder.record(
                caller,
                a,
                AuditEvent.allowed("agreement.amend", "agreement:" + id)
                        .with("version", a.currentVersion)
                        .with("contentHash", v.contentHash)
                        .with("previousStatus", from.name()));
        return store.view(a);
    }

    @Transactional
    public AgreementView propose(Caller caller, String id) {
        Agreement a = refusals.locked(caller, "agreement.propose", id);
        checks.mayDraft(caller, "agreement.propose", id, store.currentContent(a));
        checks.requireStatus(caller, "agreement.propose", a, AgreementStatus.DRAFT);
        recorder.transition(caller, a, "proposed", AgreementStatus.PROPOSED, null);
        recorder.record(
                caller,
                a,
                AuditEvent.allowed("agreement.propose", "agreement:" + id)
                        .with("version", a.currentVersion)
                        .with("contentHash", store.currentVersion(a).contentHash));
        return store.view(a);
    }

    /**
     * Binds the approval to the content hash; the last party's approval makes the agreement ACTIVE.
     */
    @Transactional
    public AgreementView approve(Caller caller, String id, ApprovalRequest request) {
        Agreement a = refusals.locked(caller, "agreement.approve", id);
        checks.requireIgLeadOfParty(caller, "agreement.approve", a);
        checks.requireStatus(caller, "agreement.approve", a, AgreementStatus.PROPOSED);
        AgreementVersion current = store.currentVersion(a);
        requireCurrent(caller, a, current, request);
        requireFirstApproval(caller, a);
        persistApproval(caller, a, current);
        recorder.event(caller, a, "approved", a.status, a.status, null);
        Set<String> awaiting = store.awaiting(a);
        awaiting.remove(caller.organisation());
        AuditEvent approved =
                AuditEvent.allowed("agreement.approve", "agreement:" + id)
                        .with("version", a.currentVersion)
                        .with("contentHash", current.contentHash)
                        .with("awaiting", List.copyOf(awaiting));
        if (awaiting.isEmpty()) {
            jointRisk.check(caller, a);
            recorder.transition(
                    caller, a, "activated", AgreementStatus.ACTIVE, "approved by every party");
            approved = approved.with("activated", true);
        }
        recorder.record(caller, a, approved);
        return store.view(a);
    }

    /**
     * Takes effect on the very next request: the decision point reads the status in every request.
     */
    @Transactional
    public AgreementView suspend(Caller caller, String id, String reason) {
        Agreement a = refusals.locked(caller, "agreement.suspend", id);
        checks.requireIgLeadOfParty(caller, "agreement.suspend", a);
        checks.requireStatus(caller, "agreement.suspend", a, AgreementStatus.ACTIVE);
        a.suspendedBy = caller.organisation();
        recorder.transition(caller, a, "suspended", AgreementStatus.SUSPENDED, reason);
        recorder.record(
                caller,
                a,
                AuditEvent.allowed("agreement.suspend", "agreement:" + id).with("reason", reason));
        return store.view(a);
    }

    /** Only the organisation that suspended an agreement may resume it. */
    @Transactional
    public AgreementView resume(Caller caller, String id) {
        Agreement a = refusals.locked(caller, "agreement.resume", id);
        checks.requireIgLeadOfParty(caller, "agreement.resume", a);
        checks.requireStatus(caller, "agreement.resume", a, AgreementStatus.SUSPENDED);
        if (!caller.organisation().equals(a.suspendedBy)) {
            throw refusals.deny(
                    caller,
                    "agreement.resume",
                    a,
                    ProblemType.FORBIDDEN,
                    "only " + a.suspendedBy + ", which suspended this agreement, can resume it");
        }
        a.suspendedBy = null;
        recorder.transition(caller, a, "resumed", AgreementStatus.ACTIVE, null);
        recorder.record(caller, a, AuditEvent.allowed("agreement.resume", "agreement:" + id));
        return store.view(a);
    }

    /** Final: a revoked agreement never permits anything again. */
    @Transactional
    public AgreementView revoke(Caller caller, String id, String reason) {
        Agreement a = refusals.locked(caller, "agreement.revoke", id);
        checks.requireIgLeadOfParty(caller, "agreement.revoke", a);
        checks.requireStatus(caller, "agreement.revoke", a, LIVE);
        recorder.transition(caller, a, "revoked", AgreementStatus.REVOKED, reason);
        recorder.record(
                caller,
                a,
                AuditEvent.allowed("agreement.revoke", "agreement:" + id).with("reason", reason));
        return store.view(a);
    }

    /** The approval must name the version and content hash that were proposed. */
    private void requireCurrent(
            Caller caller, Agreement a, AgreementVersion current, ApprovalRequest request) {
        if (request.version() == a.currentVersion
                && current.contentHash.equals(request.contentHash())) {
            return;
        }
        throw refusals.deny(
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

    private void requireFirstApproval(Caller caller, Agreement a) {
        if (agreements.approvals(a.id, a.currentVersion).stream()
                .anyMatch(ap -> ap.organisation.equals(caller.organisation()))) {
            throw refusals.deny(
                    caller,
                    "agreement.approve",
                    a,
                    ProblemType.CONFLICT,
                    caller.organisation() + " has already approved version " + a.currentVersion);
        }
    }

    private static void persistApproval(Caller caller, Agreement a, AgreementVersion current) {
        AgreementApproval approval = new AgreementApproval();
        approval.agreementId = a.id;
        approval.version = a.currentVersion;
        approval.organisation = caller.organisation();
        approval.approver = caller.subject();
        approval.contentHash = current.contentHash;
        approval.approvedAt = Instant.now();
        approval.persist();
    }

    private static void applyContent(Agreement a, AgreementContent content, Instant now) {
        a.parties = List.copyOf(content.parties());
        a.recipients = List.copyOf(new TreeSet<>(content.recipients()));
        a.validTo = content.validTo();
        a.reviewDate = content.reviewDate();
        a.updatedAt = now;
    }

    /**
     * Binds the content to the feed versions its parties will approve: each covered feed the draft
     * does not name is bound to its current version, so a later version is never covered silently.
     */
    private AgreementContent boundToFeedVersions(AgreementContent content) {
        Map<String, Integer> versions =
                new TreeMap<>(content.feedVersions() == null ? Map.of() : content.feedVersions());
        for (AgreementContent.Provider p : content.providers()) {
            for (String feed : p.feeds()) {
                if (!versions.containsKey(feed)) {
                    feeds.schema(feed).ifPresent(s -> versions.put(feed, s.version()));
                }
            }
        }
        return content.withFeedVersions(versions);
    }
}
