package org.pactum.release;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pactum.problem.PactumException;

/**
 * Periods as analysts may ask for them (issue 20): whole months (2026-05), quarters (2026-Q2) or
 * years (2026), and one contiguous range from a first to a last. Never a list of months: arbitrary
 * month sets are what the subset-sum attack needs.
 */
final class Periods {

    static final String PATTERN = "\\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?";
    static final int MAX_MONTHS = 120;
    private static final Pattern FORM = Pattern.compile("(\\d{4})(?:-(?:(\\d{2})|Q([1-4])))?");

    private Periods() {}

    /** A contiguous range of whole months. */
    record Range(YearMonth first, YearMonth last) {
        List<String> months() {
            List<String> out = new ArrayList<>();
            for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                out.add(m.toString());
            }
            return out;
        }
    }

    /**
     * The range from the start of {@code from} to the end of {@code to}; a missing end takes the
     * held data's.
     */
    static Range range(String from, String to, Supplier<Range> held) {
        Range h = from == null || to == null ? held.get() : null;
        YearMonth last = to == null ? h.last() : bound(to, false);
        YearMonth first = from == null ? h.first() : bound(from, true);
        if (from == null && first.plusMonths(MAX_MONTHS - 1).isBefore(last)) {
            first = last.minusMonths(MAX_MONTHS - 1); // by default, the latest months held
        }
        if (last.isBefore(first)) {
            throw PactumException.invalid("to must not be before from");
        }
        if (first.plusMonths(MAX_MONTHS - 1).isBefore(last)) {
            throw PactumException.invalid(
                    "A period may span at most " + MAX_MONTHS + " months; narrow from and to");
        }
        return new Range(first, last);
    }

    private static YearMonth bound(String period, boolean start) {
        Matcher m = FORM.matcher(period);
        if (!m.matches()) {
            throw PactumException.invalid(
                    "from and to must be a month (2026-05), a quarter (2026-Q2) or a year (2026)");
        }
        int year = Integer.parseInt(m.group(1));
        if (m.group(2) != null) {
            return YearMonth.of(year, Integer.parseInt(m.group(2)));
        }
        if (m.group(3) != null) {
            int q = Integer.parseInt(m.group(3));
            return YearMonth.of(year, start ? 3 * q - 2 : 3 * q);
        }
        return YearMonth.of(year, start ? 1 : 12);
    }
}
