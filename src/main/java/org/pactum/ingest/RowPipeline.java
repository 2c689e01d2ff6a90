package org.pactum.ingest;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.pactum.feed.AgeBands;
import org.pactum.feed.FeedField;
import org.pactum.feed.FeedSchema;
import org.pactum.pseudonym.NhsNumbers;
import org.pactum.pseudonym.PersonIds;

/**
 * One feed's row pipeline, compiled once per submission: validate each value against the schema,
 * derive (age band, month, local authority), pseudonymise at the door, and write the row as a line
 * of PostgreSQL COPY text. Raw identifiers, names, dates of birth and free text go no further than
 * this object's locals; errors name the field and the rule, never the value.
 */
final class RowPipeline {

    private static final Pattern LSOA = Pattern.compile("[EW]01\\d{6}");
    private static final Pattern LOCAL_AUTHORITY = Pattern.compile("[EW]0[6-9]\\d{6}");
    private static final int MAX_FREE_TEXT = 2_000;
    private static final int MAX_AGE = 120;
    private static final java.time.ZoneId UK = java.time.ZoneId.of("Europe/London");

    /** One schema field and where it sits in the body's columns (-1: absent). */
    private record Column(FeedField field, int index, Set<String> codes, Pattern pattern) {}

    /** A value that failed its field's rule. */
    private static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    private final String feed;
    private final String provider;
    private final long submissionId;
    private final Map<String, String> lsoaLookup;
    private final PersonIds ids;
    private final List<Column> columns = new ArrayList<>();
    private final Object[] parsed;

    RowPipeline(
            FeedSchema schema,
            String[] header,
            String provider,
            long submissionId,
            Map<String, String> lsoaLookup,
            PersonIds ids) {
        this.feed = schema.code();
        this.provider = provider;
        this.submissionId = submissionId;
        this.lsoaLookup = lsoaLookup;
        this.ids = ids;
        for (FeedField f : schema.fields()) {
            int at = -1;
            for (int i = 0; i < header.length; i++) {
                if (header[i].equals(f.name())) {
                    at = i;
                }
            }
            columns.add(
                    new Column(
                            f,
                            at,
                            f.codes() == null ? null : new HashSet<>(f.codes()),
                            f.pattern() == null ? null : Pattern.compile(f.pattern())));
        }
        parsed = new Object[columns.size()];
    }

    /** CSV header problems: every required column present, no unknown or repeated columns. */
    static List<RowError> checkHeader(FeedSchema schema, String[] header) {
        List<RowError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.length; i++) {
            String name = header[i];
            if (schema.field(name).isEmpty()) {
                // Named by position: a header-less extract puts its first row's values here.
                errors.add(
                        new RowError(
                                1,
                                "column " + (i + 1),
                                "is not a column of "
                                        + schema.code()
                                        + " v"
                                        + schema.version()
                                        + "; see GET /api/v1/feeds/"
                                        + schema.code()));
            } else if (!seen.add(name)) {
                errors.add(new RowError(1, name, "appears more than once in the header"));
            }
        }
        for (FeedField f : schema.fields()) {
            if (f.required() && !seen.contains(f.name())) {
                errors.add(
                        new RowError(
                                1,
                                f.name(),
                                "is a required column and is missing from the header"));
            }
        }
        return errors;
    }

    /**
     * Checks one row. If it is valid, appends its COPY line to {@code out} and returns true;
     * otherwise records every problem in {@code errors} and returns false.
     */
    boolean process(
            long line, String[] values, String shapeProblem, StringBuilder out, RowErrors errors) {
        if (shapeProblem != null) {
            errors.add(line, "(row)", "row " + shapeProblem);
            errors.rowRejected();
            return false;
        }
        boolean ok = true;
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            String raw = c.index < 0 ? null : values[c.index];
            parsed[i] = null;
            if (raw != null && raw.indexOf('\0') >= 0) {
                errors.add(
                        line, c.field.name(), "contains a NUL character, which is never accepted");
                ok = false;
                continue;
            }
            if (raw == null || raw.isBlank()) {
                if (c.field.required()) {
                    errors.add(line, c.field.name(), "is required");
                    ok = false;
                }
                continue;
            }
            try {
                parsed[i] = parse(c, raw.strip());
            } catch (Invalid e) {
                errors.add(line, c.field.name(), e.getMessage());
                ok = false;
            }
        }
        if (ok) {
            ok = deriveAndWrite(line, out, errors);
        }
        if (!ok) {
            errors.rowRejected();
        }
        return ok;
    }

    private Object parse(Column c, String v) throws Invalid {
        FeedField f = c.field;
        switch (f.type()) {
            case STRING -> {
                if (c.pattern != null && !c.pattern.matcher(v).matches()) {
                    throw new Invalid(
                            f.classification() == org.pactum.feed.Classification.DI
                                    ? "is not in the identifier's format"
                                    : "does not match the pattern " + f.pattern());
                }
                return v;
            }
            case INTEGER -> {
                int n;
                try {
                    n = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    throw new Invalid("must be a whole number");
                }
                if ((f.min() != null && n < f.min()) || (f.max() != null && n > f.max())) {
                    throw new Invalid("must be between " + f.min() + " and " + f.max());
                }
                return n;
            }
            case BOOLEAN -> {
                return switch (v.toLowerCase(Locale.ROOT)) {
                    case "true", "1", "y", "yes" -> Boolean.TRUE;
                    case "false", "0", "n", "no" -> Boolean.FALSE;
                    default -> throw new Invalid("must be true or false (also accepted: 1/0, Y/N)");
                };
            }
            case DATE -> {
                return date(v);
            }
            case DATETIME -> {
                return dateTime(v);
            }
            case MONTH -> {
                try {
                    return YearMonth.parse(v);
                } catch (DateTimeParseException e) {
                    throw new Invalid("must be a month as YYYY-MM");
                }
            }
            case CODE -> {
                if (!c.codes.contains(v)) {
                    throw new Invalid(
                            "is not one of the allowed codes: " + String.join(", ", f.codes()));
                }
                return v;
            }
            case NHS_NUMBER -> {
                if (!NhsNumbers.valid(v)) {
                    throw new Invalid(
                            "is not a valid NHS number (10 digits with a valid check digit)");
                }
                return NhsNumbers.digits(v);
            }
            case LSOA -> {
                String code = v.toUpperCase(Locale.ROOT);
                if (!LSOA.matcher(code).matches()) {
                    throw new Invalid("must be an LSOA 2021 code such as E01009123");
                }
                if (!lsoaLookup.isEmpty() && !lsoaLookup.containsKey(code)) {
                    throw new Invalid("is not an LSOA 2021 code in the geography lookup");
                }
                return code;
            }
            case LOCAL_AUTHORITY -> {
                String code = v.toUpperCase(Locale.ROOT);
                if (!LOCAL_AUTHORITY.matcher(code).matches()) {
                    throw new Invalid("must be an ONS local authority code such as E08000027");
                }
                return code;
            }
            case FREE_TEXT -> {
                if (v.length() > MAX_FREE_TEXT) {
                    throw new Invalid("is longer than " + MAX_FREE_TEXT + " characters");
                }
                return v;
            }
            default -> throw new Invalid("has an unsupported type");
        }
    }

    private static LocalDate date(String v) throws Invalid {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new Invalid("must be a date as YYYY-MM-DD");
        }
    }

    /**
     * ISO date-time with T or a space and optional seconds. A time with Z or an offset is converted
     * to UK local time, the partnership's frame for months and quarters.
     */
    private static LocalDateTime dateTime(String v) throws Invalid {
        String s = v.replace(' ', 'T');
        try {
            int t = s.indexOf('T');
            boolean zoned =
                    t > 0 && (s.endsWith("Z") || s.indexOf('+', t) > 0 || s.indexOf('-', t) > 0);
            return zoned
                    ? java.time.OffsetDateTime.parse(s).atZoneSameInstant(UK).toLocalDateTime()
                    : LocalDateTime.parse(s);
        } catch (DateTimeParseException e) {
            throw new Invalid("must be a date and time as YYYY-MM-DDTHH:MM[:SS]");
        }
    }

    // ----- derive, pseudonymise, write -----------------------------------------------------

    private boolean deriveAndWrite(long line, StringBuilder out, RowErrors errors) {
        String personId = null;
        String lsoa = null;
        String authority = null;
        String ageBand = null;
        String sex = null;
        String ethnicity = null;
        LocalDate eventDate = null;
        YearMonth eventMonth = null;
        LocalDate dateOfBirth = null;
        Integer age = null;
        String surname = null;
        String forename = null;
        String dateOfBirthField = null;
        String authorityField = "local_authority";
        StringBuilder recordReference = new StringBuilder();
        StringBuilder attrs = new StringBuilder(256).append('{');
        for (int i = 0; i < columns.size(); i++) {
            Object value = parsed[i];
            if (value == null) {
                continue;
            }
            FeedField f = columns.get(i).field;
            switch (f.role()) {
                case PERSON_IDENTIFIER -> {
                    String pseudonym = DoorPseudonyms.personId(ids, f, provider, (String) value);
                    if (personId == null) {
                        personId = pseudonym;
                    } else {
                        attr(attrs, f.name(), pseudonym);
                    }
                }
                case RECORD_REFERENCE -> {
                    String reference = ids.identifier(provider + ":" + f.name(), (String) value);
                    attr(attrs, f.name(), reference);
                    recordReference.append(f.name()).append('=').append(reference).append(';');
                }
                case LINKAGE_SURNAME -> surname = (String) value;
                case LINKAGE_FORENAME -> forename = (String) value;
                case DATE_OF_BIRTH -> {
                    dateOfBirth = (LocalDate) value;
                    dateOfBirthField = f.name();
                }
                case EVENT_DATE -> {
                    eventDate =
                            value instanceof LocalDateTime t ? t.toLocalDate() : (LocalDate) value;
                    eventMonth = YearMonth.from(eventDate);
                }
                case EVENT_MONTH -> eventMonth = (YearMonth) value;
                case AREA -> lsoa = (String) value;
                case LOCAL_AUTHORITY -> {
                    authority = (String) value;
                    authorityField = f.name();
                }
                case AGE -> age = (Integer) value;
                case AGE_BAND -> ageBand = (String) value;
                case SEX -> sex = (String) value;
                case ETHNICITY -> ethnicity = (String) value;
                case ATTRIBUTE -> attr(attrs, f.name(), value);
                case FREE_TEXT -> {
                    // Free text is never stored: it may name people (DOMAIN.md: screened and
                    // dropped).
                }
                default -> {}
            }
        }
        boolean ok = true;
        if (lsoa != null) {
            String fromLookup = lsoaLookup.get(lsoa);
            if (authority == null) {
                authority = fromLookup;
            } else if (fromLookup != null && !fromLookup.equals(authority)) {
                errors.add(
                        line,
                        authorityField,
                        "does not contain the row's LSOA (the lookup places it in "
                                + fromLookup
                                + ")");
                ok = false;
            }
        }
        if (dateOfBirth != null) {
            if (eventDate == null) {
                eventDate = eventMonth == null ? null : eventMonth.atDay(1);
            }
            if (eventDate != null) {
                if (dateOfBirth.isAfter(eventDate)) {
                    errors.add(line, dateOfBirthField, "is after the event date");
                    ok = false;
                } else {
                    age = Period.between(dateOfBirth, eventDate).getYears();
                    if (age > MAX_AGE) {
                        errors.add(
                                line,
                                dateOfBirthField,
                                "gives an age over " + MAX_AGE + " at the event");
                        ok = false;
                    }
                }
            }
        }
        if (!ok) {
            return false;
        }
        if (age != null) {
            ageBand = AgeBands.of(age);
        }
        String linkageKey =
                surname != null && forename != null && dateOfBirth != null && sex != null
                        ? DoorPseudonyms.linkageKey(ids, surname, forename, dateOfBirth, sex)
                        : null;
        if (attrs.length() > 1) {
            attrs.setLength(attrs.length() - 1); // trailing comma
        }
        attrs.append('}');

        int start = out.length();
        out.append(submissionId).append('\t');
        copyText(out, feed).append('\t');
        copyText(out, provider).append('\t');
        out.append(line).append('\t');
        copyText(out, personId).append('\t');
        copyText(out, linkageKey).append('\t');
        copyText(out, eventDate == null ? null : eventDate.toString()).append('\t');
        copyText(out, eventMonth == null ? null : eventMonth.atDay(1).toString()).append('\t');
        copyText(out, authority).append('\t');
        copyText(out, lsoa).append('\t');
        copyText(out, ageBand).append('\t');
        copyText(out, sex).append('\t');
        copyText(out, ethnicity).append('\t');
        copyText(out, attrs.toString()).append('\t');
        appendRecordHash(out, start, recordReference);
        return true;
    }

    /**
     * The persistent record hash (issue 13, see {@link PersonIds#recordHash}): of the feed, the
     * provider and the record reference if there is one, otherwise of the row as stored (without
     * the submission id and line number, which change with every push).
     */
    private void appendRecordHash(StringBuilder out, int start, StringBuilder recordReference) {
        StringBuilder identity = new StringBuilder(feed).append('|').append(provider).append('|');
        if (recordReference.length() > 0) {
            identity.append(recordReference);
        } else {
            int afterLine = start;
            for (int tabs = 0; tabs < 4; afterLine++) {
                if (out.charAt(afterLine) == '\t') {
                    tabs++;
                }
            }
            identity.append(out, afterLine, out.length());
        }
        out.append(ids.recordHash(identity)).append('\n');
    }

    private static void attr(StringBuilder json, String name, Object value) {
        json.append('"').append(name).append("\":");
        if (value instanceof Boolean || value instanceof Integer) {
            json.append(value);
        } else {
            jsonString(
                    json,
                    value instanceof LocalDateTime
                                    || value instanceof LocalDate
                                    || value instanceof YearMonth
                            ? value.toString()
                            : (String) value);
        }
        json.append(',');
    }

    static void jsonString(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        json.append(String.format("\\u%04x", (int) ch));
                    } else {
                        json.append(ch);
                    }
                }
            }
        }
        json.append('"');
    }

    /**
     * PostgreSQL COPY text format: \N for null; backslash, tab, newline and carriage return
     * escaped.
     */
    static StringBuilder copyText(StringBuilder out, String s) {
        if (s == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
        return out;
    }
}
