package org.pactum.agreement;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/**
 * How a record release is kept from singling anyone out (issue 15; statistical disclosure control
 * for microdata: k-anonymity with global recoding and local suppression, as sdcMicro does, and
 * l-diversity for sensitive attributes). Any part left out takes its default.
 *
 * @param k every released combination of quasi-identifiers is shared by at least k records (default
 *     5, never below 3)
 * @param l every such group shows at least l distinct values of each released sensitive (S) field
 *     that is not itself a quasi-identifier (default 2, never below 2)
 * @param maxSuppressedShare the largest share of released quasi-identifier values that may be
 *     suppressed; a release needing more is refused (default 0.1)
 * @param quasiIdentifiers per feed, fields the parties add to those classified QI
 * @param generalisations the coarser forms Pactum may use, coarsest last, before suppressing
 * @param jointWith other RECORD agreements to the same recipient for the same feeds whose joint
 *     risk the parties approve; without it a second such agreement cannot become ACTIVE
 */
public record RecordRisk(
        @Min(3) @Max(100) Integer k,
        @Min(2) @Max(20) Integer l,
        @DecimalMin("0.0") @DecimalMax("0.5") Double maxSuppressedShare,
        Map<String, List<@NotBlank String>> quasiIdentifiers,
        List<@NotNull Recoding> generalisations,
        List<@NotBlank String> jointWith) {

    public static final int DEFAULT_K = 5;
    public static final int DEFAULT_L = 2;
    public static final double DEFAULT_MAX_SUPPRESSED_SHARE = 0.1;

    public static final RecordRisk DEFAULTS =
            new RecordRisk(
                    DEFAULT_K,
                    DEFAULT_L,
                    DEFAULT_MAX_SUPPRESSED_SHARE,
                    Map.of(),
                    List.of(),
                    List.of());

    /** A coarser form of a released quasi-identifier. */
    public enum Recoding {
        /** event month to quarter */
        QUARTER,
        /** event month or quarter to year */
        YEAR,
        /** age band to a wider band: 0-17, 18-24, 25-44, 45+ */
        WIDE_AGE_BAND
    }

    RecordRisk withDefaults() {
        return new RecordRisk(
                k == null ? DEFAULT_K : k,
                l == null ? DEFAULT_L : l,
                maxSuppressedShare == null ? DEFAULT_MAX_SUPPRESSED_SHARE : maxSuppressedShare,
                quasiIdentifiers == null ? Map.of() : quasiIdentifiers,
                generalisations == null ? List.of() : generalisations,
                jointWith == null ? List.of() : jointWith);
    }

    public List<String> quasiIdentifiers(String feed) {
        List<String> q = quasiIdentifiers == null ? null : quasiIdentifiers.get(feed);
        return q == null ? List.of() : q;
    }
}
