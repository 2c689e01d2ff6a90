package org.pactum.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Download names a client may save as given: only letters, digits, hyphens and underscores before
 * the extension, so no path, quote or line break survives into Content-Disposition.
 */
class DownloadsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "records-police-recorded-violence|ndjson|attachment; filename=\"records-police-recorded-violence.ndjson\"",
                "../../etc/passwd|csv|attachment; filename=\"etc-passwd.csv\"",
                "C:\\Users\\me|json|attachment; filename=\"C-Users-me.json\"",
                "...|csv|attachment; filename=\"pactum.csv\"",
                "''|csv|attachment; filename=\"pactum.csv\""
            })
    void namesAreReducedToSafeCharacters(String stem, String extension, String header) {
        assertThat(Downloads.attachment(stem, extension)).isEqualTo(header);
    }

    @Test
    void quotesAndLineBreaksCannotEndTheHeader() {
        assertThat(Downloads.attachment("a\"b\r\nX-Injected: 1", "csv"))
                .isEqualTo("attachment; filename=\"a-b-X-Injected-1.csv\"");
    }

    @ParameterizedTest
    @CsvSource({"dsa-3f9c2a7b1e04", "pactum-audit", "aggregate_2026"})
    void safeNamesAreKeptAsTheyAre(String stem) {
        assertThat(Downloads.safeStem(stem)).isEqualTo(stem);
    }

    @Test
    void longNamesAreCut() {
        assertThat(Downloads.safeStem("a".repeat(200))).hasSize(100);
    }
}
