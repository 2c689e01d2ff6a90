package org.pactum.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CSV cells are safe to open in a spreadsheet (OWASP CSV injection) and survive commas and quotes.
 */
class CsvCellsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            value = {
                "E08000027        | E08000027",
                "=HYPERLINK(\"x\")  | ~\"'=HYPERLINK(\"\"x\"\")\"~",
                "+44 121          | '+44 121",
                "-1               | '-1",
                "@SUM(A1)         | '@SUM(A1)",
                "a,b              | ~\"a,b\"~",
                "65+              | 65+"
            })
    void neutralisesFormulasAndQuotesWhatNeedsIt(String value, String cell) {
        assertThat(CsvCells.cell(value.strip())).isEqualTo(cell.strip());
    }
}
