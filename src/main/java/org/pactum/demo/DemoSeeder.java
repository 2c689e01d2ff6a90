package org.pactum.demo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;
import org.pactum.agreement.AgreementContent;
import org.pactum.agreement.AgreementLifecycle;
import org.pactum.agreement.AgreementService;
import org.pactum.agreement.AgreementView;
import org.pactum.agreement.ApprovalRequest;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.feed.FeedService;
import org.pactum.feed.Geography;
import org.pactum.ingest.IngestService;
import org.pactum.ingest.PushCommand;
import org.pactum.partner.NewOrganisation;
import org.pactum.partner.OrganisationService;
import org.pactum.security.Caller;
import org.pactum.security.DemoIssuer;
import org.pactum.security.Roles;

/**
 * First start of the embedded default: seeds the demo partnership once (a restart keeps what users
 * changed) and, on every start, writes fresh 12-hour demo tokens. Agreements are drafted, proposed
 * and approved, and extracts pushed, through the same services and checks users go through, so the
 * demo's audit trail is a real one. Does nothing in production.
 */
@ApplicationScoped
public class DemoSeeder {

    private static final Logger LOG = Logger.getLogger(DemoSeeder.class);
    private static final int MONTHS = 24;

    @Inject DemoIssuer issuer;

    @Inject OrganisationService organisations;

    @Inject AgreementLifecycle agreements;

    @Inject IngestService ingest;

    @Inject Geography geography;

    @Inject AuditLog audit;

    @Inject DemoSeedStages stages;

    void onStart(@Observes @Priority(FeedService.STARTUP_ORDER + 1000) StartupEvent start) {
        if (!issuer.enabled()) {
            return;
        }
        seed();
        Path file = issuer.writeTokens(tokens());
        LOG.infof("Demo tokens (valid 12 hours) written to %s", file.toAbsolutePath());
    }

    /**
     * Seeds once, in three stages, each recorded in demo_seed_stage as it commits: a start after a
     * crash resumes at the first stage not recorded, and a restart after a full seed keeps what
     * users changed. The organisations, geography and agreements commit in one transaction with
     * their record (nothing half-made can survive a kill -9); the extracts are pushed with
     * idempotency keys, so a push that committed before a crash is replayed, not repeated.
     */
    void seed() {
        if (stages.completed(PARTNERSHIP).isEmpty()) {
            QuarkusTransaction.requiringNew()
                    .run(
                            () -> {
                                seedPartnership();
                                stages.complete(PARTNERSHIP, seedAgreements());
                            });
        }
        if (stages.completed(EXTRACTS).isEmpty()) {
            long begin = System.nanoTime();
            seedExtracts();
            QuarkusTransaction.requiringNew().run(() -> stages.complete(EXTRACTS, null));
            LOG.infof(
                    "Seeded %d months of synthetic extracts in %.1f s",
                    MONTHS, (System.nanoTime() - begin) / 1e9);
        }
        if (stages.completed(PROBATION_EXTENSION).isEmpty()) {
            String probationId = stages.completed(PARTNERSHIP).orElseThrow();
            QuarkusTransaction.requiringNew()
                    .run(
                            () -> {
                                extendProbation(probationId);
                                stages.complete(PROBATION_EXTENSION, null);
                            });
        }
    }

    static final String PARTNERSHIP = "partnership";
    static final String EXTRACTS = "extracts";
    static final String PROBATION_EXTENSION = "probation-extension";

    /** Organisations and the synthetic geography (in the caller's transaction). */
    void seedPartnership() {
        for (NewOrganisation o : DemoPartnership.organisations()) {
            organisations.register(o);
            audit.append(
                    Actor.system("demo-seed"),
                    AuditEvent.allowed("organisation.create", "organisation:" + o.code())
                            .with("type", o.type().name())
                            .with("areas", o.areas())
                            .concerning(o.code()));
        }
        geography.seedSynthetic(data().lsoaLookup());
        LOG.infof(
                "Seeding the demo partnership (%d organisations) and its synthetic geography",
                DemoPartnership.organisations().size());
    }

    /** The three agreements, made ACTIVE; returns the probation agreement's id. */
    String seedAgreements() {
        LocalDate today = AgreementService.today();
        activate(ADMIN, DemoAgreements.sna(today));
        activate(ADMIN, DemoAgreements.cohort(today));
        return activate(ADMIN, DemoAgreements.probation(today)).id();
    }

    void seedExtracts() {
        SyntheticData data = data();
        for (YearMonth month : data.monthList()) {
            push("wm-police", "police-recorded-violence", month, (m, w) -> data.police(300, m, w));
            push("bsol-icb", "ed-assault-attendances", month, (m, w) -> data.ed(350, m, w));
            push(
                    "birmingham-yjs",
                    "youth-justice-disposals",
                    month,
                    (m, w) -> data.youthJustice(90, m, w));
            push(
                    "birmingham-education",
                    "school-exclusions",
                    month,
                    (m, w) -> data.schoolExclusions(300, m, w));
            push("wm-probation", "probation-caseload", month, (m, w) -> data.probation(250, m, w));
        }
    }

    /** The probation agreement is being extended to Walsall: version 2 awaits Dudley's IG lead. */
    void extendProbation(String probationId) {
        AgreementContent probation = DemoAgreements.probation(AgreementService.today());
        List<String> recipients = List.of("dudley-mbc", "walsall-mbc");
        AgreementContent extended =
                probation.extendedTo(
                        probation.purpose() + " Extended to Walsall's SNA.", recipients);
        agreements.amend(ADMIN, probationId, extended);
        AgreementView v2 = agreements.propose(ADMIN, probationId);
        for (String party : List.of("wm-probation", "walsall-mbc")) {
            agreements.approve(
                    igLead(party), v2.id(), new ApprovalRequest(v2.version(), v2.contentHash()));
        }
    }

    private static final Caller ADMIN =
            new Caller(
                    "demo-admin",
                    DemoPartnership.ADMIN_ORGANISATION,
                    Set.of(Roles.ADMIN),
                    null,
                    "demo-seed");

    private AgreementView activate(Caller admin, AgreementContent content) {
        AgreementView draft = agreements.create(admin, content);
        AgreementView proposed = agreements.propose(admin, draft.id());
        AgreementView last = proposed;
        for (String party : proposed.awaitingApproval()) {
            last =
                    agreements.approve(
                            igLead(party),
                            draft.id(),
                            new ApprovalRequest(proposed.version(), proposed.contentHash()));
        }
        return last;
    }

    private void push(
            String provider,
            String feed,
            YearMonth month,
            BiConsumer<YearMonth, StringWriter> extract) {
        StringWriter csv = new StringWriter();
        extract.accept(month, csv);
        byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
        Caller system =
                new Caller(
                        "demo-" + provider + "-submitter",
                        provider,
                        Set.of(Roles.SUBMITTER),
                        null,
                        "demo-seed");
        ingest.push(
                system,
                new PushCommand(
                        feed,
                        month.toString(),
                        "text/csv",
                        "demo-" + feed + "-" + month,
                        false,
                        (long) body.length,
                        csv.toString().lines().count() <= 1), // a month with no records, said so
                new ByteArrayInputStream(body));
    }

    private static Caller igLead(String org) {
        return new Caller(
                "demo-" + org + "-ig-lead", org, Set.of(Roles.IG_LEAD), null, "demo-seed");
    }

    private static SyntheticData data() {
        return new SyntheticData(DemoPartnership.SEED, YearMonth.now().minusMonths(1), MONTHS);
    }

    /**
     * One submitter, analyst and IG lead per demo organisation, and the partnership administrator.
     */
    Map<String, String> tokens() {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (DemoIssuer.Identity identity : DemoIdentities.all()) {
            tokens.put(identity.name(), issuer.mint(identity));
        }
        return tokens;
    }
}
