package org.pactum.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The NHS number modulus 11 check (NHS Data Dictionary): weights 10 to 2 on the first nine digits,
 * check digit 11 minus the remainder, 11 read as 0, and 10 never valid.
 */
class NhsNumbersTest {

    @Test
    void acceptsTheDataDictionaryExampleInItsUsualSpellings() {
        // 9x10 + 4x9 + 3x8 + 4x7 + 7x6 + 6x5 + 5x4 + 9x3 + 1x2 = 299; 299 mod 11 = 2; 11 - 2 = 9.
        assertThat(NhsNumbers.valid("9434765919")).isTrue();
        assertThat(NhsNumbers.valid("943 476 5919")).isTrue();
        assertThat(NhsNumbers.valid("943-476-5919")).isTrue();
        assertThat(NhsNumbers.digits(" 943 476-5919 ")).isEqualTo("9434765919");
    }

    @Test
    void aRemainderOfZeroGivesCheckDigitZero() {
        // 1x10 + 6x2 = 22; 22 mod 11 = 0; 11 - 0 = 11, read as 0.
        assertThat(NhsNumbers.valid("1000000060")).isTrue();
        assertThat(NhsNumbers.valid("1000000061")).isFalse();
    }

    @Test
    void aCheckDigitOfTenIsNeverValid() {
        // 1x10 + 1x2 = 12; 12 mod 11 = 1; 11 - 1 = 10: no tenth digit can match.
        for (char last = '0'; last <= '9'; last++) {
            assertThat(NhsNumbers.valid("100000001" + last)).as("last digit %s", last).isFalse();
        }
    }

    @Test
    void refusesEveryOtherCheckDigit() {
        for (char last = '0'; last <= '9'; last++) {
            assertThat(NhsNumbers.valid("943476591" + last)).isEqualTo(last == '9');
        }
    }

    @Test
    void refusesWrongLengthsLettersAndLookAlikeDigits() {
        assertThat(NhsNumbers.valid("")).isFalse();
        assertThat(NhsNumbers.valid("943476591")).isFalse();
        assertThat(NhsNumbers.valid("94347659190")).isFalse();
        assertThat(NhsNumbers.valid("943476591X")).isFalse();
        assertThat(NhsNumbers.valid("A434765919")).isFalse();
        assertThat(NhsNumbers.valid("943\t476\t5919")).isFalse();
        assertThat(NhsNumbers.valid("943.476.5919")).isFalse();
        // Arabic-Indic and full-width digits are digits to Character.isDigit, not to the NHS.
        assertThat(NhsNumbers.valid("\u0669434765919")).isFalse();
        assertThat(NhsNumbers.valid("943476591\uff19")).isFalse();
    }
}
