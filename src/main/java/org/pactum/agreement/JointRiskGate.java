package org.pactum.agreement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.problem.PactumException;
import org.pactum.security.Caller;

/**
 * Issue 15: one recipient may not hold joinable record extracts of the same feed under two
 * agreements unless the parties of the second approved a joint risk check (by naming the first in
 * {@code recordRisk.jointWith}) and the check, computed now over the union of both agreements'
 * released quasi-identifiers, passes. Each check is audited.
 */
@ApplicationScoped
class JointRiskGate {

    private static final String ACTION = "agreement.joint-risk-check";

    @Inject AgreementRepository agreements;

    @Inject AgreementStore store;

    @Inject AgreementRefusals refusals;

    @Inject AuditLog audit;

    @Inject Instance<JointRiskCheck> jointRisk;

    /** Asked before the last approval makes {@code a} ACTIVE. */
    void check(Caller caller, Agreement a) {
        AgreementContent content = store.currentContent(a);
        if (content.releaseLevel() != ReleaseLevel.RECORD) {
            return;
        }
        for (Agreement other : agreements.recordHolders(a.recipients)) {
            if (other.id.equals(a.id)) {
                continue;
            }
            AgreementContent theirs = store.currentContent(other);
            if (theirs.releaseLevel() != ReleaseLevel.RECORD) {
                continue;
            }
            for (AgreementContent.Provider p : content.providers()) {
                for (String feed : p.feeds()) {
                    if (theirs.covers(feed)) {
                        check(caller, new Pair(a, content, other, theirs), feed);
                    }
                }
            }
        }
    }

    /** The agreement being approved and one that already releases records to a shared recipient. */
    private record Pair(
            Agreement a, AgreementContent content, Agreement other, AgreementContent theirs) {}

    private void check(Caller caller, Pair pair, String feed) {
        requireNamed(caller, pair, feed);
        JointRiskCheck.Result r =
                jointRisk
                        .get()
                        .check(feed, pair.a().id, pair.content(), pair.other().id, pair.theirs());
        AuditEvent checked = checked(pair, feed, r);
        if (!r.passed()) {
            audit.appendAlone(Actor.of(caller), checked);
            throw tooHigh(pair.other().id, feed, r);
        }
        audit.append(Actor.of(caller), checked);
    }

    /** The parties must have named the other agreement in {@code recordRisk.jointWith}. */
    private void requireNamed(Caller caller, Pair pair, String feed) {
        if (pair.content().risk().jointWith().contains(pair.other().id)) {
            return;
        }
        Set<String> shared = new TreeSet<>(pair.a().recipients);
        shared.retainAll(pair.other().recipients);
        throw refusals.deny(
                caller,
                "agreement.approve",
                pair.a(),
                AgreementProblems.JOINT_RISK_CHECK_REQUIRED,
                String.join(", ", shared)
                        + " already receives records of "
                        + feed
                        + " under agreement "
                        + pair.other().id
                        + "; the parties must approve a joint risk check by naming it in"
                        + " recordRisk.jointWith before this agreement can become ACTIVE");
    }

    private static AuditEvent checked(Pair pair, String feed, JointRiskCheck.Result r) {
        String target = "agreement:" + pair.a().id;
        AuditEvent event =
                r.passed()
                        ? AuditEvent.allowed(ACTION, target)
                        : AuditEvent.denied(
                                ACTION,
                                target,
                                "joint risk with "
                                        + pair.other().id
                                        + " too high: "
                                        + r.valuesSuppressed()
                                        + " quasi-identifier values would need suppressing");
        return event.underAgreement(pair.a().id, pair.content().purpose())
                .concerning(pair.a().parties)
                .concerning(pair.other().parties)
                .with("feed", feed)
                .with("jointWith", pair.other().id)
                .with("quasiIdentifiers", r.quasiIdentifiers())
                .with("k", r.k())
                .with("kAchieved", r.kAchieved())
                .with("records", r.records())
                .with("valuesSuppressed", r.valuesSuppressed())
                .with("suppressedShare", r.suppressedShare());
    }

    private static PactumException tooHigh(String otherId, String feed, JointRiskCheck.Result r) {
        return new PactumException(
                AgreementProblems.JOINT_RISK_TOO_HIGH,
                "Together with agreement "
                        + otherId
                        + ", records of "
                        + feed
                        + " would need "
                        + r.valuesSuppressed()
                        + " quasi-identifier values suppressed to keep every combination at k="
                        + r.k()
                        + ", more than recordRisk.maxSuppressedShare allows. Release fewer or"
                        + " coarser quasi-identifiers under one of them.",
                Map.of("setting", "recordRisk.maxSuppressedShare", "jointWith", otherId));
    }
}
