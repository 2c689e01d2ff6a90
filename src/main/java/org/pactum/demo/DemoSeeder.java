package org.pactum.demo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.partner.NewOrganisation;
import org.pactum.partner.OrganisationService;
import org.pactum.security.DemoIssuer;
import org.pactum.security.Roles;

/**
 * First start of the embedded default: seeds the demo partnership once (a restart keeps what users
 * changed) and, on every start, writes fresh 12-hour demo tokens. Does nothing in production.
 */
@ApplicationScoped
public class DemoSeeder {

    private static final Logger LOG = Logger.getLogger(DemoSeeder.class);

    @Inject
    DemoIssuer issuer;

    @Inject
    OrganisationService organisations;

    @Inject
    AuditLog audit;

    @Inject
    org.pactum.feed.Geography geography;

    void onStart(@Observes StartupEvent start) {
        if (!issuer.enabled()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(this::seedOnce);
        Path file = issuer.writeTokens(tokens());
        LOG.infof("Demo tokens (valid 12 hours) written to %s", file.toAbsolutePath());
    }

    void seedOnce() {
        if (organisations.typeOf(DemoPartnership.ADMIN_ORGANISATION).isPresent()) {
            return;
        }
        for (NewOrganisation o : DemoPartnership.organisations()) {
            organisations.register(o);
            audit.append(Actor.system("demo-seed"), AuditEvent.allowed("organisation.create", "organisation:" + o.code())
                    .with("type", o.type().name()).with("areas", o.areas()).concerning(o.code()));
        }
        geography.seedSynthetic(new SyntheticData(DemoPartnership.SEED, java.time.YearMonth.now(), 1).lsoaLookup());
        LOG.infof("Seeded the demo partnership (%d organisations) and its synthetic geography",
                DemoPartnership.organisations().size());
    }

    /** One submitter, analyst and IG lead per demo organisation, and the partnership administrator. */
    Map<String, String> tokens() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("admin", issuer.mint(new DemoIssuer.Identity("admin", "demo-admin", DemoPartnership.ADMIN_ORGANISATION,
                Set.of(Roles.ADMIN))));
        for (NewOrganisation o : DemoPartnership.organisations()) {
            for (String role : new String[] {Roles.SUBMITTER, Roles.ANALYST, Roles.IG_LEAD}) {
                String name = o.code() + "-" + role;
                tokens.put(name, issuer.mint(new DemoIssuer.Identity(name, "demo-" + name, o.code(), Set.of(role))));
            }
        }
        return tokens;
    }
}
