package org.pactum.partner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.problem.PactumException;
import org.pactum.security.Caller;

/**
 * Onboarding partner systems: the administrator creates a Keycloak client for an organisation's
 * export job, receives its secret once, and can disable it. Audited; the secret never is.
 */
@ApplicationScoped
public class PartnerSystemService {

    @Inject OrganisationRepository organisations;

    @Inject KeycloakDirectory keycloak;

    @Inject AuditLog audit;

    public List<PartnerSystemView> list(Caller caller, String organisation) {
        requireAdmin(caller);
        requireOrganisation(organisation);
        return PartnerSystem.<PartnerSystem>list(
                        "organisation = ?1 order by createdAt", organisation)
                .stream()
                .map(PartnerSystemView::from)
                .toList();
    }

    @Transactional
    public PartnerSystemView onboard(Caller caller, String organisation, NewPartnerSystem request) {
        requireAdmin(caller);
        requireOrganisation(organisation);
        String clientId = organisation + "-" + request.name();
        if (PartnerSystem.findByIdOptional(clientId).isPresent()) {
            throw PactumException.conflict("A partner system " + clientId + " already exists");
        }
        KeycloakDirectory.Created created =
                keycloak.createSystem(clientId, organisation, request.description());
        PartnerSystem s = new PartnerSystem();
        s.clientId = clientId;
        s.organisation = organisation;
        s.keycloakId = created.keycloakId();
        s.description = request.description();
        s.status = "ACTIVE";
        s.createdAt = Instant.now();
        s.createdBy = caller.subject();
        s.persist();
        audit.append(
                Actor.of(caller),
                AuditEvent.allowed("system.onboard", "system:" + clientId)
                        .with("organisation", organisation)
                        .concerning(organisation));
        return PartnerSystemView.from(s).withSecret(created.secret(), keycloak.tokenEndpoint());
    }

    @Transactional
    public PartnerSystemView disable(Caller caller, String organisation, String clientId) {
        requireAdmin(caller);
        PartnerSystem s =
                PartnerSystem.<PartnerSystem>findByIdOptional(clientId)
                        .filter(p -> p.organisation.equals(organisation))
                        .orElseThrow(() -> PactumException.notFound("Partner system", clientId));
        if ("DISABLED".equals(s.status)) {
            throw PactumException.conflict("Partner system " + clientId + " is already disabled");
        }
        keycloak.disable(s.keycloakId);
        s.status = "DISABLED";
        s.disabledAt = Instant.now();
        s.disabledBy = caller.subject();
        audit.append(
                Actor.of(caller),
                AuditEvent.allowed("system.disable", "system:" + clientId)
                        .with("organisation", organisation)
                        .concerning(organisation));
        return PartnerSystemView.from(s);
    }

    private void requireOrganisation(String code) {
        if (organisations.findByIdOptional(code).isEmpty()) {
            throw PactumException.notFound("Organisation", code);
        }
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw PactumException.forbidden(
                    "Only a partnership administrator can onboard or disable partner systems");
        }
    }
}
