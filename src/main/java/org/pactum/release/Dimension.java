package org.pactum.release;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.pactum.agreement.AgreementContent;
import org.pactum.agreement.FieldAction;
import org.pactum.agreement.Generalisation;
import org.pactum.agreement.ReleaseGrant;
import org.pactum.feed.FeedField;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FieldRole;

/**
 * A dimension analysts may group or filter by, its SQL over feed_row, and the feed field whose
 * agreement rule governs it. Dimensions exist only at the generalisation the agreement sets: a
 * month needs the event date ALLOWed or generalised to MONTH; a local authority needs the area
 * ALLOWed or generalised to LOCAL_AUTHORITY; and so on.
 *
 * @param field the governing feed field, named in a refusal
 */
record Dimension(String name, String sql, String field) {

    /** Thrown when a dimension exists but the agreement does not permit it. */
    static final class NotPermitted extends Exception {
        final String field;

        NotPermitted(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    /** The column expression the SQL reads, without its table alias (as a cube names it). */
    String column() {
        return sql.substring(sql.indexOf('.') + 1);
    }

    static final List<String> BUILT_IN =
            List.of("localAuthority", "lsoa", "month", "quarter", "ageBand", "sex", "ethnicity");

    /**
     * Resolves {@code name} for {@code schema} under {@code grant}; empty if no such dimension
     * exists for this feed.
     */
    static Optional<Dimension> resolve(
            String name, FeedSchema schema, ReleaseGrant grant, String alias) throws NotPermitted {
        String p = alias + ".";
        return switch (name) {
            case "localAuthority" -> localAuthority(schema, grant, p);
            case "lsoa" -> lsoa(schema, grant, p);
            case "month", "quarter" -> period(name, schema, grant, p);
            case "ageBand" -> ageBand(schema, grant, p);
            case "sex", "ethnicity" -> plainColumn(name, schema, grant, p);
            default -> attributeDimension(name, schema, grant, p);
        };
    }

    private static Optional<Dimension> localAuthority(
            FeedSchema schema, ReleaseGrant grant, String p) throws NotPermitted {
        Optional<FeedField> la = role(schema, FieldRole.LOCAL_AUTHORITY);
        Optional<FeedField> area = role(schema, FieldRole.AREA);
        if (la.isEmpty() && area.isEmpty()) {
            return Optional.empty();
        }
        if (la.map(f -> allowed(grant, f)).orElse(false)
                || area.map(f -> allowedOr(grant, f, Generalisation.LOCAL_AUTHORITY))
                        .orElse(false)) {
            return Optional.of(
                    new Dimension(
                            "localAuthority",
                            p + "local_authority",
                            la.orElseGet(area::get).name()));
        }
        throw refused(
                area.orElseGet(la::get),
                "localAuthority",
                "ALLOW or GENERALISE to LOCAL_AUTHORITY");
    }

    private static Optional<Dimension> lsoa(FeedSchema schema, ReleaseGrant grant, String p)
            throws NotPermitted {
        FeedField area = role(schema, FieldRole.AREA).orElse(null);
        if (area == null) {
            return Optional.empty();
        }
        if (allowed(grant, area)) {
            return Optional.of(new Dimension("lsoa", p + "lsoa", area.name()));
        }
        throw refused(area, "lsoa", "ALLOW");
    }

    private static Optional<Dimension> period(
            String name, FeedSchema schema, ReleaseGrant grant, String p) throws NotPermitted {
        FeedField event =
                role(schema, FieldRole.EVENT_DATE)
                        .or(() -> role(schema, FieldRole.EVENT_MONTH))
                        .orElse(null);
        if (event == null) {
            return Optional.empty();
        }
        boolean month = name.equals("month");
        boolean ok =
                month
                        ? allowedOr(grant, event, Generalisation.MONTH)
                        : allowedOr(grant, event, Generalisation.MONTH)
                                || allowedOr(grant, event, Generalisation.QUARTER);
        if (!ok) {
            throw refused(
                    event,
                    name,
                    month
                            ? "ALLOW or GENERALISE to MONTH"
                            : "ALLOW or GENERALISE to MONTH or QUARTER");
        }
        return Optional.of(
                new Dimension(
                        name,
                        month
                                ? "to_char(" + p + "event_month, 'YYYY-MM')"
                                : "to_char(" + p + "event_month, 'YYYY-\"Q\"Q')",
                        event.name()));
    }

    private static Optional<Dimension> ageBand(FeedSchema schema, ReleaseGrant grant, String p)
            throws NotPermitted {
        List<FeedField> ages =
                schema.fields().stream()
                        .filter(
                                f ->
                                        f.role() == FieldRole.DATE_OF_BIRTH
                                                || f.role() == FieldRole.AGE
                                                || f.role() == FieldRole.AGE_BAND)
                        .toList();
        if (ages.isEmpty()) {
            return Optional.empty();
        }
        for (FeedField f : ages) {
            if (allowedOr(grant, f, Generalisation.AGE_BAND)) {
                return Optional.of(new Dimension("ageBand", p + "age_band", f.name()));
            }
        }
        throw refused(ages.get(0), "ageBand", "ALLOW or GENERALISE to AGE_BAND");
    }

    /** sex and ethnicity: a column of feed_row, released only when ALLOWed. */
    private static Optional<Dimension> plainColumn(
            String name, FeedSchema schema, ReleaseGrant grant, String p) throws NotPermitted {
        FeedField f =
                role(schema, name.equals("sex") ? FieldRole.SEX : FieldRole.ETHNICITY).orElse(null);
        if (f == null) {
            return Optional.empty();
        }
        if (allowed(grant, f)) {
            return Optional.of(new Dimension(name, p + name, f.name()));
        }
        throw refused(f, name, "ALLOW");
    }

    private static Optional<Dimension> attributeDimension(
            String name, FeedSchema schema, ReleaseGrant grant, String p) throws NotPermitted {
        FeedField f = attribute(schema, name).orElse(null);
        if (f == null) {
            return Optional.empty();
        }
        if (allowed(grant, f)) {
            return Optional.of(new Dimension(name, p + "attrs->>'" + f.name() + "'", f.name()));
        }
        throw refused(f, name, "ALLOW");
    }

    /**
     * An attribute by its field name or camelCase form; flags also without the "_flag" suffix
     * (knife).
     */
    static Optional<FeedField> attribute(FeedSchema schema, String name) {
        String snake = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return schema.fields().stream()
                .filter(f -> f.role() == FieldRole.ATTRIBUTE)
                .filter(f -> f.name().equals(snake) || f.name().equals(snake + "_flag"))
                .findFirst();
    }

    private static Optional<FeedField> role(FeedSchema schema, FieldRole role) {
        return schema.fields().stream().filter(f -> f.role() == role).findFirst();
    }

    private static boolean allowed(ReleaseGrant grant, FeedField f) {
        return grant.rule(f.name()).action() == FieldAction.ALLOW;
    }

    private static boolean allowedOr(ReleaseGrant grant, FeedField f, Generalisation to) {
        AgreementContent.FieldRule rule = grant.rule(f.name());
        return rule.action() == FieldAction.ALLOW
                || (rule.action() == FieldAction.GENERALISE && rule.to() == to);
    }

    private static NotPermitted refused(FeedField f, String dimension, String needed) {
        return new NotPermitted(
                f.name(),
                "Dimension "
                        + dimension
                        + " needs the agreement's rule for field "
                        + f.name()
                        + " to be "
                        + needed);
    }
}
