package org.pactum.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Pactum's own 413 (a problem, audited) is reachable only if the ingest limit lies below the HTTP
 * layer's, which otherwise answers first with a bare 413.
 */
class IngestLimitsCheckTest {

    private static final long GIB = 1L << 30;

    @Test
    void anIngestLimitAtOrAboveTheHttpLimitIsRefused() {
        assertThat(IngestLimits.problem(2 * GIB, 2 * GIB))
                .contains("pactum.ingest.max-body-bytes")
                .contains("quarkus.http.limits.max-body-size");
        assertThat(IngestLimits.problem(2 * GIB + 1, 2 * GIB)).isNotNull();
        assertThat(IngestLimits.problem(2 * GIB - 1, 2 * GIB)).isNull();
    }

    @Test
    void theShippedDefaultsLeaveTheApplicationsLimitReachable() throws Exception {
        java.util.Properties shipped = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/application.properties")) {
            shipped.load(in);
        }
        long httpLimit = parse(shipped.getProperty("quarkus.http.limits.max-body-size"));
        long ingestDefault =
                Long.parseLong(
                        IngestConfig.class
                                .getMethod("maxBodyBytes")
                                .getAnnotation(io.smallrye.config.WithDefault.class)
                                .value());
        assertThat(IngestLimits.problem(ingestDefault, httpLimit)).isNull();
    }

    /** Quarkus's memory-size syntax: a number with an optional K, M, G or T suffix. */
    private static long parse(String size) {
        char unit = Character.toUpperCase(size.charAt(size.length() - 1));
        int shift =
                switch (unit) {
                    case 'K' -> 10;
                    case 'M' -> 20;
                    case 'G' -> 30;
                    case 'T' -> 40;
                    default -> 0;
                };
        String digits = shift == 0 ? size : size.substring(0, size.length() - 1);
        return Long.parseLong(digits.trim()) << shift;
    }
}
