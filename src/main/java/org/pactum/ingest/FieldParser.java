package org.pactum.ingest;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pactum.feed.Classification;
import org.pactum.feed.FeedField;
import org.pactum.pseudonym.NhsNumbers;

/**
 * One schema field's check, compiled once per submission: turns a stripped, non-blank value into
 * its typed form or says which rule it breaks (never the value). The common shapes (ISO dates and
 * times, LSOA and local authority codes) take a hand-written path that accepts exactly what the
 * general parsers accept; anything else goes to the general parsers, so the outcome is the same.
 * Not thread-safe (it reuses its matcher): one per submission.
 */
final class FieldParser {

    private static final int MAX_FREE_TEXT = 2_000;
    private static final ZoneId UK = ZoneId.of("Europe/London");

    /** A value that failed its field's rule. */
    static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    final FeedField field;
    private final Set<String> codes;
    private final Matcher pattern;
    private final Map<String, String> lsoaLookup;

    FieldParser(FeedField field, Map<String, String> lsoaLookup) {
        this.field = field;
        this.codes = field.codes() == null ? null : new HashSet<>(field.codes());
        this.pattern =
                field.pattern() == null ? null : Pattern.compile(field.pattern()).matcher("");
        this.lsoaLookup = lsoaLookup;
    }

    Object parse(String v) throws Invalid {
        return switch (field.type()) {
            case STRING -> string(v);
            case INTEGER -> integer(v);
            case BOOLEAN -> bool(v);
            case DATE -> date(v);
            case DATETIME -> dateTime(v);
            case MONTH -> month(v);
            case CODE -> code(v);
            case NHS_NUMBER -> nhsNumber(v);
            case LSOA -> lsoa(v);
            case LOCAL_AUTHORITY -> localAuthority(v);
            case FREE_TEXT -> freeText(v);
            default -> throw new Invalid("has an unsupported type");
        };
    }

    private String string(String v) throws Invalid {
        if (pattern != null && !pattern.reset(v).matches()) {
            throw new Invalid(
                    field.classification() == Classification.DI
                            ? "is not in the identifier's format"
                            : "does not match the pattern " + field.pattern());
        }
        return v;
    }

    private Integer integer(String v) throws Invalid {
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new Invalid("must be a whole number");
        }
        if ((field.min() != null && n < field.min()) || (field.max() != null && n > field.max())) {
            throw new Invalid("must be between " + field.min() + " and " + field.max());
        }
        return n;
    }

    private static Boolean bool(String v) throws Invalid {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "y", "yes" -> Boolean.TRUE;
            case "false", "0", "n", "no" -> Boolean.FALSE;
            default -> throw new Invalid("must be true or false (also accepted: 1/0, Y/N)");
        };
    }

    private static YearMonth month(String v) throws Invalid {
        try {
            return YearMonth.parse(v);
        } catch (DateTimeParseException e) {
            throw new Invalid("must be a month as YYYY-MM");
        }
    }

    private String code(String v) throws Invalid {
        if (!codes.contains(v)) {
            throw new Invalid(
                    "is not one of the allowed codes: " + String.join(", ", field.codes()));
        }
        return v;
    }

    private static String nhsNumber(String v) throws Invalid {
        if (!NhsNumbers.valid(v)) {
            throw new Invalid("is not a valid NHS number (10 digits with a valid check digit)");
        }
        return NhsNumbers.digits(v);
    }

    private String lsoa(String v) throws Invalid {
        String code = v.toUpperCase(Locale.ROOT);
        if (!onsCode(code, '1', '1')) {
            throw new Invalid("must be an LSOA 2021 code such as E01009123");
        }
        if (!lsoaLookup.isEmpty() && !lsoaLookup.containsKey(code)) {
            throw new Invalid("is not an LSOA 2021 code in the geography lookup");
        }
        return code;
    }

    private static String localAuthority(String v) throws Invalid {
        String code = v.toUpperCase(Locale.ROOT);
        if (!onsCode(code, '6', '9')) {
            throw new Invalid("must be an ONS local authority code such as E08000027");
        }
        return code;
    }

    /**
     * An ONS code {@code [EW]0[lo-hi]\d{6}}: E or W, 0, the entity digit in range, six digits (an
     * LSOA 2021 code is entity 01, a local authority 06 to 09).
     */
    private static boolean onsCode(String code, char lo, char hi) {
        if (code.length() != 9) {
            return false;
        }
        char country = code.charAt(0);
        char entity = code.charAt(2);
        return (country == 'E' || country == 'W')
                && code.charAt(1) == '0'
                && entity >= lo
                && entity <= hi
                && digits(code, 3, 9) >= 0;
    }

    private static String freeText(String v) throws Invalid {
        if (v.length() > MAX_FREE_TEXT) {
            throw new Invalid("is longer than " + MAX_FREE_TEXT + " characters");
        }
        return v;
    }

    static LocalDate date(String v) throws Invalid {
        LocalDate quick = isoDate(v);
        if (quick != null) {
            return quick;
        }
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
    static LocalDateTime dateTime(String v) throws Invalid {
        LocalDateTime quick = isoMinuteOrSecond(v);
        if (quick != null) {
            return quick;
        }
        String s = v.replace(' ', 'T');
        try {
            int t = s.indexOf('T');
            boolean zoned =
                    t > 0 && (s.endsWith("Z") || s.indexOf('+', t) > 0 || s.indexOf('-', t) > 0);
            return zoned
                    ? OffsetDateTime.parse(s).atZoneSameInstant(UK).toLocalDateTime()
                    : LocalDateTime.parse(s);
        } catch (DateTimeParseException e) {
            throw new Invalid("must be a date and time as YYYY-MM-DDTHH:MM[:SS]");
        }
    }

    /** {@code YYYY-MM-DD} with a real day of a real month, or null for the general parser. */
    private static LocalDate isoDate(String v) {
        return v.length() == 10 ? isoDay(v) : null;
    }

    /** {@code YYYY-MM-DD[T ]HH:MM[:SS]}, or null for the general parser. */
    private static LocalDateTime isoMinuteOrSecond(String v) {
        int n = v.length();
        if ((n != 16 && n != 19)
                || (v.charAt(10) != 'T' && v.charAt(10) != ' ')
                || v.charAt(13) != ':'
                || (n == 19 && v.charAt(16) != ':')) {
            return null;
        }
        LocalDate day = isoDay(v);
        int hour = digits(v, 11, 13);
        int minute = digits(v, 14, 16);
        int second = n == 19 ? digits(v, 17, 19) : 0;
        if (day == null
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        return day.atTime(hour, minute, second);
    }

    /** The date in the first ten characters as {@code YYYY-MM-DD}, or null. */
    private static LocalDate isoDay(String v) {
        if (v.charAt(4) != '-' || v.charAt(7) != '-') {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 7);
        int day = digits(v, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1) {
            return null;
        }
        return day > Month.of(month).length(Year.isLeap(year))
                ? null
                : LocalDate.of(year, month, day);
    }

    /** The ASCII digits {@code v[from, to)} as a number, or -1 if any is not one. */
    private static int digits(String v, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char ch = v.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            n = n * 10 + (ch - '0');
        }
        return n;
    }
}
