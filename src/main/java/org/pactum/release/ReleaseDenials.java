package org.pactum.release;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.pactum.agreement.ReleaseGrant;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.Geography;
import org.pactum.problem.PactumException;
import org.pactum.problem.ProblemType;
import org.pactum.security.Caller;

/**
 * The refusals of an aggregate release, each audited on its own before the problem is thrown, and
 * the request checks that need them: dimensions resolved under the agreement, their closed lists of
 * categories, filter values from those lists, crossability.
 */
@ApplicationScoped
public class ReleaseDenials {

    @Inject AuditLog audit;

    @Inject Geography geography;

    /** Audits a refusal of an aggregate under {@code grant}; returns the problem to throw. */
    PactumException deny(
            Caller caller, ReleaseGrant grant, String reason, PactumException problem) {
        audit.appendAlone(
                Actor.of(caller),
                AuditEvent.denied("release.aggregate", "feed:" + grant.feed(), reason)
                        .with("rowFilter", grant.content().rowFilter(grant.feed()))
                        .underAgreement(grant.agreementId(), grant.purpose())
                        .concerning(grant.parties()));
        return problem;
    }

    /** The dimension {@code name} of {@code schema} as {@code grant} permits it; refused if not. */
    Dimension permitted(
            Caller caller, ReleaseGrant grant, FeedSchema schema, String name, String alias) {
        try {
            return Dimension.resolve(name, schema, grant, alias)
                    .orElseThrow(
                            () ->
                                    deny(
                                            caller,
                                            grant,
                                            "unknown dimension",
                                            PactumException.invalid(
                                                    "A dimension or filter is not one of "
                                                            + schema.code()
                                                            + "'s: use one of "
                                                            + String.join(", ", Dimension.BUILT_IN)
                                                            + " or an attribute field of the feed")));
        } catch (Dimension.NotPermitted e) {
            throw deny(
                    caller,
                    grant,
                    "field " + e.field + " is not permitted as " + name,
                    new PactumException(
                            ReleaseProblems.FIELD_NOT_PERMITTED,
                            e.getMessage(),
                            Map.of("field", e.field, "dimension", name)));
        }
    }

    /** The categories of a permitted dimension; refused if it has no closed list of values. */
    List<String> categories(Caller caller, ReleaseGrant grant, FeedSchema schema, Dimension d) {
        // A variable the agreement's row filter narrows has only the values the filter keeps: the
        // others are outside the agreement's purpose (issue 15), not zero.
        List<String> kept = grant.content().rowFilter(schema.code()).get(d.name());
        return categories(schema, d)
                .map(all -> kept == null ? all : all.stream().filter(kept::contains).toList())
                .orElseThrow(
                        () ->
                                deny(
                                        caller,
                                        grant,
                                        "variable " + d.name() + " has no closed list of values",
                                        PactumException.invalid(
                                                d.name()
                                                        + " has no closed list of values, so it cannot be a dimension or a filter")));
    }

    /** The categories of a dimension, if it has a closed list of values. */
    Optional<List<String>> categories(FeedSchema schema, Dimension d) {
        Map<String, String> lookup = geography.lookup();
        Sorted sorted = this.sorted;
        if (sorted == null || sorted.lookup() != lookup) {
            sorted =
                    new Sorted(
                            lookup,
                            lookup.values().stream().distinct().sorted().toList(),
                            lookup.keySet().stream().sorted().toList());
            this.sorted = sorted;
        }
        return Categories.of(d, schema, sorted.authorities(), sorted.lsoas());
    }

    /** The lookup's councils and LSOAs in order, sorted once per loaded lookup, not per query. */
    private record Sorted(
            Map<String, String> lookup, List<String> authorities, List<String> lsoas) {}

    private volatile Sorted sorted;

    /** Every value of filter {@code name} must be one of its categories. */
    void checkValues(
            Caller caller,
            ReleaseGrant grant,
            String name,
            List<String> values,
            List<String> allowed) {
        requireAll(
                caller,
                grant,
                values,
                allowed,
                v -> "filter " + name + " has a value outside its categories",
                v ->
                        new PactumException(
                                ProblemType.INVALID_REQUEST,
                                "Filter "
                                        + name
                                        + " takes only these values: "
                                        + String.join(", ", allowed),
                                Map.of("field", "filters." + name, "allowedValues", allowed)));
    }

    /** Every crossed variable, filters included, must be crossable when two or more are crossed. */
    void crossable(Caller caller, ReleaseGrant grant, List<String> requested) {
        List<String> crossable = grant.content().disclosure().crossableDimensions();
        if (requested.size() < 2) {
            return;
        }
        requireAll(
                caller,
                grant,
                requested,
                crossable,
                d -> "dimension " + d + " may not be crossed",
                d ->
                        new PactumException(
                                ReleaseProblems.FIELD_NOT_PERMITTED,
                                "The agreement does not let "
                                        + d
                                        + " be crossed with other dimensions (crossable: "
                                        + (crossable.isEmpty()
                                                ? "none"
                                                : String.join(", ", crossable))
                                        + ")",
                                Map.of("dimension", d)));
    }

    /** Refuses the first of {@code values} that {@code allowed} does not hold. */
    private void requireAll(
            Caller caller,
            ReleaseGrant grant,
            List<String> values,
            List<String> allowed,
            Function<String, String> reason,
            Function<String, PactumException> problem) {
        for (String v : values) {
            if (!allowed.contains(v)) {
                throw deny(caller, grant, reason.apply(v), problem.apply(v));
            }
        }
    }
}
