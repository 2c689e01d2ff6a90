package org.pactum.release;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * An analyst's table: counts of one feed's rows (or distinct persons) by up to four dimensions,
 * optionally restricted by filters and a period, and optionally linked to a second feed.
 *
 * @param from first period, inclusive: a month (YYYY-MM), quarter (YYYY-Qn) or year (YYYY); the
 *     first month held when absent
 * @param to last period, inclusive, in the same forms; the last month held when absent
 * @param measure {@code rows} (default) or {@code persons}
 */
public record AggregateRequest(
        @NotBlank String feed,
        @NotNull @Size(max = 4) List<@NotBlank String> dimensions,
        Map<String, @Size(min = 1, max = 500) List<@NotBlank @Size(max = 64) String>> filters,
        @Pattern(
                        regexp = Periods.PATTERN,
                        message = "must be a month (2026-05), a quarter (2026-Q2) or a year (2026)")
                String from,
        @Pattern(
                        regexp = Periods.PATTERN,
                        message = "must be a month (2026-05), a quarter (2026-Q2) or a year (2026)")
                String to,
        @Pattern(regexp = "rows|persons", message = "must be rows or persons") String measure,
        boolean includeTotals,
        @Valid Link linkedTo) {

    /**
     * Count only persons who also appear in {@code feed} (matching {@code filters}) within {@code
     * withinMonths} months before the event in the main feed.
     */
    public record Link(
            @NotBlank String feed,
            Map<String, @Size(min = 1, max = 500) List<@NotBlank @Size(max = 64) String>> filters,
            @NotNull @Min(1) @Max(60) Integer withinMonths) {}

    public boolean persons() {
        return "persons".equals(measure) || linkedTo != null;
    }
}
