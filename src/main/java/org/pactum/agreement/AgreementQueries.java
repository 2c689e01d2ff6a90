package org.pactum.agreement;

import static org.pactum.agreement.AgreementRefusals.orNone;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.pactum.security.Caller;
import org.pactum.security.Roles;

/**
 * Reading agreements: an administrator sees all, an IG lead those its organisation is party to, an
 * analyst those its organisation receives under. A refused read is audited.
 */
@ApplicationScoped
public class AgreementQueries {

    @Inject AgreementRepository agreements;

    @Inject AgreementStore store;

    @Inject AgreementRefusals refusals;

    public List<AgreementView> list(Caller caller, AgreementStatus status, boolean reviewDue) {
        String org = caller.isAdmin() ? null : AgreementRefusals.requireOrganisation(caller);
        boolean recipientOnly = !caller.isAdmin() && !caller.hasRole(Roles.IG_LEAD);
        return agreements
                .visible(org, recipientOnly, status, reviewDue, AgreementDates.today())
                .stream()
                .map(store::view)
                .toList();
    }

    @Transactional
    public AgreementView get(Caller caller, String id) {
        Agreement a = refusals.found(caller, "agreement.read", id);
        requireVisible(caller, a);
        return store.view(a);
    }

    @Transactional
    public AgreementHistory history(Caller caller, String id) {
        Agreement a = refusals.found(caller, "agreement.read", id);
        requireVisible(caller, a);
        List<AgreementHistory.Version> versions =
                agreements.versions(id).stream().map(this::version).toList();
        List<AgreementHistory.Approval> approvals =
                agreements.approvals(id).stream().map(AgreementQueries::approval).toList();
        List<AgreementHistory.Event> events =
                agreements.events(id).stream().map(AgreementQueries::event).toList();
        return new AgreementHistory(id, versions, approvals, events);
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
            throw refusals.deny(
                    caller,
                    "agreement.read",
                    a,
                    AgreementProblems.NOT_A_PARTY,
                    "organisation "
                            + orNone(caller.organisation())
                            + " may not see this agreement");
        }
    }

    private AgreementHistory.Version version(AgreementVersion v) {
        return new AgreementHistory.Version(
                v.version,
                v.contentHash,
                v.createdAt,
                v.createdBy,
                v.createdByOrg,
                store.parse(v.content));
    }

    private static AgreementHistory.Approval approval(AgreementApproval ap) {
        return new AgreementHistory.Approval(
                ap.version, ap.organisation, ap.approver, ap.contentHash, ap.approvedAt);
    }

    private static AgreementHistory.Event event(AgreementEvent e) {
        return new AgreementHistory.Event(
                e.occurredAt,
                e.version,
                e.action,
                e.fromStatus,
                e.toStatus,
                e.actor,
                e.actorOrg,
                e.reason);
    }
}
