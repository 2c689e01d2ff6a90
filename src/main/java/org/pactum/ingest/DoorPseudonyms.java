package org.pactum.ingest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pactum.feed.FeedField;
import org.pactum.feed.FeedSchema;
import org.pactum.feed.FieldRole;
import org.pactum.feed.FieldType;
import org.pactum.pseudonym.NhsNumbers;
import org.pactum.pseudonym.PersonIds;

/**
 * How a person identifier becomes its stored pseudonym at the door: the one place that decides the
 * scheme (national, or the provider's own), used by every push and by data subject requests, which
 * must find exactly what the door stored (UK GDPR Art 15).
 */
public final class DoorPseudonyms {

    private DoorPseudonyms() {}

    /** The pseudonym of an already validated person identifier of {@code field}. */
    static String personId(PersonIds ids, FeedField field, String provider, String value) {
        return field.type() == FieldType.NHS_NUMBER
                ? ids.nhsNumber(value)
                : ids.identifier(
                        field.idScheme() != null ? field.idScheme() : provider + ":person", value);
    }

    /**
     * The pseudonym a push by {@code provider} would have stored for {@code raw} in {@code field},
     * or empty when the door would have refused the value (wrong format, bad NHS check digit).
     */
    public static Optional<String> personIdOf(
            PersonIds ids, FeedField field, String provider, String raw) {
        if (field.role() != FieldRole.PERSON_IDENTIFIER || raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String v = raw.strip();
        if (field.type() == FieldType.NHS_NUMBER) {
            return NhsNumbers.valid(v)
                    ? Optional.of(personId(ids, field, provider, NhsNumbers.digits(v)))
                    : Optional.empty();
        }
        if (field.pattern() != null && !Pattern.compile(field.pattern()).matcher(v).matches()) {
            return Optional.empty();
        }
        return Optional.of(personId(ids, field, provider, v));
    }

    /** The composite linkage key of validated values, as stored in {@code linkage_key}. */
    static String linkageKey(
            PersonIds ids, String surname, String forename, LocalDate dateOfBirth, String sex) {
        return ids.linkageKey(
                surname.strip(), forename.strip(), dateOfBirth.toString(), sex.strip());
    }

    /** The pseudonym a push would have stored for an NHS number, or empty if it is not valid. */
    public static Optional<String> nhsNumberOf(PersonIds ids, String raw) {
        return raw != null && NhsNumbers.valid(raw.strip())
                ? Optional.of(ids.nhsNumber(NhsNumbers.digits(raw.strip())))
                : Optional.empty();
    }

    /**
     * The linkage key a push of {@code schema} would have stored for these values, or empty when
     * the feed has no composite key or its door would refuse one of them (name pattern, sex codes,
     * date of birth as YYYY-MM-DD).
     */
    public static Optional<String> linkageKeyOf(
            PersonIds ids,
            FeedSchema schema,
            String surname,
            String forename,
            String dateOfBirth,
            String sex) {
        if (!accepts(schema, FieldRole.LINKAGE_SURNAME, surname)
                || !accepts(schema, FieldRole.LINKAGE_FORENAME, forename)
                || !accepts(schema, FieldRole.SEX, sex)
                || dateOfBirth == null) {
            return Optional.empty();
        }
        try {
            LocalDate dob = LocalDate.parse(dateOfBirth.strip());
            return Optional.of(linkageKey(ids, surname, forename, dob, sex));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean accepts(FeedSchema schema, FieldRole role, String raw) {
        if (raw == null || raw.isBlank()) {
            return false;
        }
        String v = raw.strip();
        return schema.fields().stream()
                .filter(f -> f.role() == role)
                .findFirst()
                .map(
                        f ->
                                (f.pattern() == null
                                                || Pattern.compile(f.pattern())
                                                        .matcher(v)
                                                        .matches())
                                        && (f.codes() == null || f.codes().contains(v)))
                .orElse(false);
    }
}
