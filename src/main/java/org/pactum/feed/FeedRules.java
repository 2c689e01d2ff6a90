package org.pactum.feed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.pactum.partner.OrganisationType;

/**
 * The rules a registered feed schema must meet, each a small named check; errors name the field.
 */
final class FeedRules {

    private FeedRules() {}

    static List<Map<String, Object>> check(NewFeed feed) {
        List<Map<String, Object>> errors = new ArrayList<>();
        healthFeedsAreAggregateOnly(feed, errors);
        Set<String> names = new HashSet<>();
        int events = 0;
        for (int i = 0; i < feed.fields().size(); i++) {
            NewFeed.Field f = feed.fields().get(i);
            String where = "fields[" + i + "]";
            if (!names.add(f.name())) {
                errors.add(error(where + ".name", "is used by another field"));
            }
            directIdentifiersHaveAnIdentifierRole(f, where, errors);
            codesAreListedForCodeFields(f, where, errors);
            rangesAreOrdered(f, where, errors);
            patternsCompile(f, where, errors);
            if (f.role() == FieldRole.EVENT_DATE || f.role() == FieldRole.EVENT_MONTH) {
                events++;
            }
        }
        if (events > 1) {
            errors.add(
                    error(
                            "fields",
                            "at most one field may have the role EVENT_DATE or EVENT_MONTH"));
        }
        return errors;
    }

    /**
     * A new version may keep or tighten what the previous one protects, never loosen it (issue 11):
     * the provider type stays, an aggregate-only feed stays aggregate-only, and each field that
     * remains keeps its type, role and identifier scheme (they decide how it is pseudonymised,
     * derived and linked at the door) and keeps or tightens its classification (NP may become QI or
     * S; QI, S and DI stay as they are).
     */
    static List<Map<String, Object>> checkNextVersion(FeedSchema previous, NewFeed next) {
        List<Map<String, Object>> errors = new ArrayList<>();
        if (next.providerType() != previous.providerType()) {
            errors.add(
                    error(
                            "providerType",
                            "must stay "
                                    + previous.providerType()
                                    + " as in version "
                                    + previous.version()));
        }
        if (previous.aggregateOnly() && !next.aggregateOnly()) {
            errors.add(
                    error(
                            "aggregateOnly",
                            "must stay true: version "
                                    + previous.version()
                                    + " is aggregate-only"));
        }
        for (int i = 0; i < next.fields().size(); i++) {
            NewFeed.Field f = next.fields().get(i);
            Optional<FeedField> before = previous.field(f.name());
            if (before.isPresent()) {
                keepsWhatProtectsIt(
                        before.get(), f, "fields[" + i + "]", previous.version(), errors);
            }
        }
        return errors;
    }

    private static void keepsWhatProtectsIt(
            FeedField before,
            NewFeed.Field f,
            String where,
            int version,
            List<Map<String, Object>> errors) {
        String since = " as in version " + version;
        if (f.role() != before.role()) {
            errors.add(error(where + ".role", "must stay " + before.role() + since));
        }
        if (f.type() != before.type()) {
            errors.add(error(where + ".type", "must stay " + before.type() + since));
        }
        if (!Objects.equals(f.idScheme(), before.idScheme())) {
            errors.add(
                    error(
                            where + ".idScheme",
                            "must stay "
                                    + (before.idScheme() == null ? "unset" : before.idScheme())
                                    + since));
        }
        if (!keepsOrTightens(before.classification(), f.classification())) {
            errors.add(
                    error(
                            where + ".classification",
                            "may not loosen "
                                    + before.classification()
                                    + " to "
                                    + f.classification()
                                    + " (only NP may be tightened, to QI or S)"));
        }
    }

    static boolean keepsOrTightens(Classification before, Classification after) {
        return before == after
                || (before == Classification.NP
                        && (after == Classification.QI || after == Classification.S));
    }

    /** PCSC Act 2022 s16(4): health data may leave only as aggregates. */
    static void healthFeedsAreAggregateOnly(NewFeed feed, List<Map<String, Object>> errors) {
        if (feed.providerType() == OrganisationType.HEALTH && !feed.aggregateOnly()) {
            errors.add(
                    error(
                            "aggregateOnly",
                            "must be true for a feed provided by HEALTH organisations (PCSC Act 2022 s16(4))"));
        }
    }

    static void directIdentifiersHaveAnIdentifierRole(
            NewFeed.Field f, String where, List<Map<String, Object>> errors) {
        boolean identifierRole =
                f.role() == FieldRole.PERSON_IDENTIFIER
                        || f.role() == FieldRole.RECORD_REFERENCE
                        || f.role() == FieldRole.LINKAGE_SURNAME
                        || f.role() == FieldRole.LINKAGE_FORENAME;
        if (identifierRole && f.classification() != Classification.DI) {
            errors.add(
                    error(
                            where + ".classification",
                            "must be DI for a field with the role " + f.role()));
        }
        if (f.classification() == Classification.DI && !identifierRole) {
            errors.add(
                    error(
                            where + ".role",
                            "a DI field must be a PERSON_IDENTIFIER, RECORD_REFERENCE or linkage name, "
                                    + "so that it is pseudonymised or dropped at the door"));
        }
    }

    static void codesAreListedForCodeFields(
            NewFeed.Field f, String where, List<Map<String, Object>> errors) {
        if (f.type() == FieldType.CODE && (f.codes() == null || f.codes().isEmpty())) {
            errors.add(error(where + ".codes", "a CODE field needs its list of allowed codes"));
        }
    }

    static void rangesAreOrdered(NewFeed.Field f, String where, List<Map<String, Object>> errors) {
        if (f.min() != null && f.max() != null && f.min() > f.max()) {
            errors.add(error(where + ".max", "must not be below min"));
        }
    }

    static void patternsCompile(NewFeed.Field f, String where, List<Map<String, Object>> errors) {
        if (f.pattern() != null) {
            try {
                Pattern.compile(f.pattern());
            } catch (PatternSyntaxException e) {
                errors.add(error(where + ".pattern", "is not a valid regular expression"));
            }
        }
    }

    private static Map<String, Object> error(String field, String reason) {
        return Map.of("field", field, "reason", reason);
    }
}
