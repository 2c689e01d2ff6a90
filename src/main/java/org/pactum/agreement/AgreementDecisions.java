package org.pactum.agreement;

import static org.pactum.agreement.AgreementRefusals.orNone;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FeedService;
import org.pactum.problem.PactumException;
import org.pactum.security.Caller;

/**
 * The decision point: may this caller push or receive this feed now, and if not, why not. Ingest
 * and release ask it on every request, so a suspension or revocation takes effect on the next one.
 * Every refusal is audited with its reason and thrown as a problem.
 */
@ApplicationScoped
public class AgreementDecisions {

    @Inject AgreementRepository agreements;

    @Inject AgreementStore store;

    @Inject AgreementRefusals refusals;

    @Inject FeedService feeds;

    @Inject AuditLog audit;

    /**
     * May the caller receive {@code feed} at {@code level} under agreement {@code id}, now? Its
     * organisation must be a recipient; then {@link #whyNotReleasable} must find nothing.
     */
    @Transactional
    public ReleaseGrant decideRelease(Caller caller, String id, String feed, ReleaseLevel level) {
        String action = level == ReleaseLevel.RECORD ? "release.records" : "release.aggregate";
        Agreement a = refusals.found(caller, action, id);
        if (caller.organisation() == null || !a.recipients.contains(caller.organisation())) {
            String who = "organisation " + orNone(caller.organisation());
            throw refusals.deny(
                    caller,
                    action,
                    a,
                    AgreementProblems.NOT_A_PARTY,
                    who + " is not a recipient under this agreement");
        }
        AgreementContent content = store.currentContent(a);
        Optional<String> refused = whyNotReleasable(a, content, feed, level);
        if (refused.isPresent()) {
            throw refusals.deny(caller, action, a, AgreementProblems.NOT_PERMITTED, refused.get());
        }
        String hash = store.currentVersion(a).contentHash;
        return new ReleaseGrant(
                a.id,
                a.currentVersion,
                hash,
                content,
                feed,
                content.parties(),
                content.providersOf(feed));
    }

    /**
     * The agreement must be ACTIVE and within its window, the feed covered, and the level permitted
     * (health feeds never at record level: PCSC Act 2022 s16(4)).
     */
    private Optional<String> whyNotReleasable(
            Agreement a, AgreementContent c, String feed, ReleaseLevel level) {
        if (a.status != AgreementStatus.ACTIVE) {
            String reason = a.statusReason == null ? "" : " (" + a.statusReason + ")";
            return Optional.of("agreement is " + a.status + reason);
        }
        if (!withinWindow(c, AgreementDates.today())) {
            return Optional.of(
                    "today is outside the agreement's validity window "
                            + c.validFrom()
                            + " to "
                            + c.validTo());
        }
        if (!c.covers(feed)) {
            String shown = PactumException.shown(feed);
            return Optional.of("feed " + shown + " is not covered by this agreement");
        }
        if (level == ReleaseLevel.RECORD && c.releaseLevel() != ReleaseLevel.RECORD) {
            return Optional.of("this agreement permits aggregates only");
        }
        if (level == ReleaseLevel.RECORD
                && feeds.schema(feed).map(FeedSchema::aggregateOnly).orElse(true)) {
            return Optional.of(
                    feed
                            + " is health data and is released only as aggregates"
                            + " (PCSC Act 2022 s16(4))");
        }
        return Optional.empty();
    }

    /**
     * May the caller's organisation push {@code feed} now? It must be a provider of that feed under
     * at least one ACTIVE agreement within its window. A refusal is audited and thrown as 409.
     */
    @Transactional
    public PushGrant decidePush(Caller caller, String feed) {
        String org = AgreementRefusals.requireOrganisation(caller);
        LocalDate today = AgreementDates.today();
        Set<String> ids = new TreeSet<>();
        Set<String> parties = new TreeSet<>();
        int feedVersion = 0;
        for (Agreement a : agreements.activeWithParty(org)) {
            AgreementContent c = store.currentContent(a);
            if (c.provides(org, feed) && withinWindow(c, today)) {
                ids.add(a.id);
                parties.addAll(c.parties());
                feedVersion = Math.max(feedVersion, c.feedVersion(feed));
            }
        }
        if (ids.isEmpty()) {
            throw noCoveringAgreement(caller, org, PactumException.shown(feed));
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

    private static boolean withinWindow(AgreementContent c, LocalDate today) {
        return !today.isBefore(c.validFrom()) && !today.isAfter(c.validTo());
    }

    private PactumException noCoveringAgreement(Caller caller, String org, String feed) {
        audit.appendAlone(
                Actor.of(caller),
                AuditEvent.denied(
                                "submission.push",
                                "feed:" + feed,
                                "no ACTIVE agreement covers " + org + " providing " + feed)
                        .concerning(org));
        return new PactumException(
                AgreementProblems.NO_COVERING_AGREEMENT,
                "No ACTIVE agreement within its validity window covers "
                        + org
                        + " providing "
                        + feed
                        + ". Ask your IG lead to agree one before pushing.");
    }
}
