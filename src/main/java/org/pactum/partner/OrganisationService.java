package org.pactum.partner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.problem.PactumException;
import org.pactum.security.Caller;

/**
 * The organisations of the partnership. Only an administrator registers them (DESIGN.md, Users).
 */
@ApplicationScoped
public class OrganisationService {

    @Inject OrganisationRepository organisations;

    @Inject AuditLog audit;

    public List<OrganisationView> list() {
        return organisations.listByCode().stream().map(OrganisationView::from).toList();
    }

    public OrganisationView get(String code) {
        return organisations
                .findByIdOptional(code)
                .map(OrganisationView::from)
                .orElseThrow(() -> PactumException.notFound("Organisation", code));
    }

    public Optional<OrganisationType> typeOf(String code) {
        return code == null
                ? Optional.empty()
                : organisations.findByIdOptional(code).map(o -> o.type);
    }

    @Transactional
    public OrganisationView create(Caller caller, NewOrganisation request) {
        if (!caller.isAdmin()) {
            throw PactumException.forbidden(
                    "Only a partnership administrator can register organisations");
        }
        if (organisations.findByIdOptional(request.code()).isPresent()) {
            throw PactumException.conflict(
                    "An organisation with code '" + request.code() + "' already exists");
        }
        Organisation o = register(request);
        audit.append(
                Actor.of(caller),
                AuditEvent.allowed("organisation.create", "organisation:" + o.code)
                        .with("type", o.type.name())
                        .with("areas", o.areas)
                        .concerning(o.code));
        return OrganisationView.from(o);
    }

    /**
     * Registers without a caller: the demo partnership seeded at first start (audited by the
     * seeder).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Organisation register(NewOrganisation request) {
        Organisation o = new Organisation();
        o.code = request.code();
        o.name = request.name();
        o.type = request.type();
        o.areas = List.copyOf(request.areas());
        o.createdAt = Instant.now();
        organisations.persist(o);
        return o;
    }
}
