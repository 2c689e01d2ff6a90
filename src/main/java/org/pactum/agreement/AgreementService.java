package org.pactum.agreement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import org.pactum.security.Caller;

/**
 * What other features ask of agreements (STYLE: another feature is reached only through its service
 * and records). The answers are given by {@link AgreementDecisions}, the decision point, and {@link
 * AgreementRetention}; the lifecycle and reads are {@link AgreementLifecycle}'s and {@link
 * AgreementQueries}'.
 */
@ApplicationScoped
public class AgreementService {

    /** Agreements are dated in the partnership's own time zone. */
    public static final ZoneId ZONE = AgreementDates.ZONE;

    @Inject AgreementDecisions decisions;

    @Inject AgreementRetention retention;

    @Inject AgreementQueries queries;

    public static LocalDate today() {
        return AgreementDates.today();
    }

    /** See {@link AgreementDecisions#decideRelease}. */
    public ReleaseGrant decideRelease(Caller caller, String id, String feed, ReleaseLevel level) {
        return decisions.decideRelease(caller, id, feed, level);
    }

    /** See {@link AgreementDecisions#decidePush}. */
    public PushGrant decidePush(Caller caller, String feed) {
        return decisions.decidePush(caller, feed);
    }

    /** See {@link AgreementDecisions#confirmPush}. */
    public PushGrant confirmPush(Caller caller, PushGrant grant) {
        return decisions.confirmPush(caller, grant);
    }

    /** See {@link AgreementQueries#get}. */
    public AgreementView get(Caller caller, String id) {
        return queries.get(caller, id);
    }

    /** See {@link AgreementRetention#concernedWith}. */
    public Set<String> concernedWith(String org, String feed) {
        return retention.concernedWith(org, feed);
    }

    /** See {@link AgreementRetention#retention}. */
    public Optional<Retention> retention(String org, String feed) {
        return retention.retention(org, feed);
    }

    /** A retention period and the organisations concerned by data kept under it. */
    public record Retention(int months, Set<String> parties) {}
}
