package org.pactum.agreement;

import java.util.Optional;
import org.pactum.feed.Classification;
import org.pactum.feed.FeedField;
import org.pactum.feed.FieldRole;
import org.pactum.feed.FieldType;

/**
 * Which rule does exactly what it says for which field (issue 11, "Record fields"). A field is
 * stored as its role makes it (a person id as a keyed pseudonym, a date of birth or age only as an
 * age band, an event date as date and month, an LSOA with its local authority), so only some rules
 * can be carried out as written; the rest are refused when the agreement is drafted, and a release
 * drops a field whose rule does not fit (fail closed), whatever was stored before this check.
 */
public final class FieldRuleFit {

    private FieldRuleFit() {}

    /** Why {@code rule} cannot be carried out as written on {@code field}; empty when it can. */
    public static Optional<String> problem(FeedField field, AgreementContent.FieldRule rule) {
        FieldAction action = rule.action();
        if (action == FieldAction.DROP) {
            return Optional.empty();
        }
        FieldRole role = field.role();
        if (role == FieldRole.FREE_TEXT || field.type() == FieldType.FREE_TEXT) {
            return Optional.of(
                    "free text is screened and dropped before any release; it can only be DROP");
        }
        if (field.classification() == Classification.DI && role != FieldRole.PERSON_IDENTIFIER) {
            return Optional.of(
                    "is a direct identifier that is not a person id: it can only be DROP");
        }
        return switch (action) {
            case PSEUDONYMISE ->
                    role == FieldRole.PERSON_IDENTIFIER
                            ? Optional.empty()
                            : Optional.of(
                                    "only person identifiers can be PSEUDONYMISE; a "
                                            + role
                                            + " field can be "
                                            + allowedFor(role));
            case ALLOW ->
                    switch (role) {
                        case PERSON_IDENTIFIER ->
                                Optional.of(
                                        "is a direct identifier: it can be PSEUDONYMISE or DROP, never ALLOW");
                        case DATE_OF_BIRTH, AGE ->
                                Optional.of(
                                        "is kept only as an age band: GENERALISE it to AGE_BAND, or DROP it");
                        default -> Optional.empty();
                    };
            case GENERALISE -> {
                if (rule.to() == null) {
                    yield Optional.of(
                            "GENERALISE needs a target: AGE_BAND, MONTH, QUARTER or LOCAL_AUTHORITY");
                }
                boolean fits =
                        switch (rule.to()) {
                            case AGE_BAND ->
                                    role == FieldRole.DATE_OF_BIRTH
                                            || role == FieldRole.AGE
                                            || role == FieldRole.AGE_BAND;
                            case MONTH, QUARTER ->
                                    role == FieldRole.EVENT_DATE || role == FieldRole.EVENT_MONTH;
                            case LOCAL_AUTHORITY ->
                                    role == FieldRole.AREA || role == FieldRole.LOCAL_AUTHORITY;
                        };
                yield fits
                        ? Optional.empty()
                        : Optional.of(rule.to() + " does not apply to a " + role + " field");
            }
            case DROP -> Optional.empty();
        };
    }

    public static boolean fits(FeedField field, AgreementContent.FieldRule rule) {
        return problem(field, rule).isEmpty();
    }

    private static String allowedFor(FieldRole role) {
        return switch (role) {
            case DATE_OF_BIRTH, AGE -> "GENERALISE to AGE_BAND or DROP";
            case EVENT_DATE, EVENT_MONTH -> "ALLOW, GENERALISE to MONTH or QUARTER, or DROP";
            case AREA, LOCAL_AUTHORITY -> "ALLOW, GENERALISE to LOCAL_AUTHORITY, or DROP";
            case AGE_BAND -> "ALLOW, GENERALISE to AGE_BAND, or DROP";
            case SEX, ETHNICITY, ATTRIBUTE -> "ALLOW or DROP";
            default -> "DROP";
        };
    }
}
