package org.pactum.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** HKDF-SHA256 against the published test vectors of RFC 5869, Appendix A (cases 1 to 3). */
class HkdfTest {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] range(int from, int toExclusive) {
        byte[] out = new byte[toExclusive - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (from + i);
        }
        return out;
    }

    private static byte[] repeat(int value, int n) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) value);
        return out;
    }

    @Test
    void rfc5869TestCase1BasicSha256() {
        byte[] okm = Hkdf.derive(repeat(0x0b, 22), range(0x00, 0x0d), range(0xf0, 0xfa), 42);
        assertThat(HEX.formatHex(okm))
                .isEqualTo(
                        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    @Test
    void rfc5869TestCase2LongerInputsAndOutputs() {
        byte[] okm = Hkdf.derive(range(0x00, 0x50), range(0x60, 0xb0), range(0xb0, 0x100), 82);
        assertThat(HEX.formatHex(okm))
                .isEqualTo(
                        "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                                + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                                + "cc30c58179ec3e87c14c01d5c1f3434f1d87");
    }

    @Test
    void rfc5869TestCase3EmptySaltAndInfo() {
        byte[] okm = Hkdf.derive(repeat(0x0b, 22), new byte[0], new byte[0], 42);
        assertThat(HEX.formatHex(okm))
                .isEqualTo(
                        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
        // RFC 5869 2.2: an absent salt is HashLen zero bytes.
        assertThat(Hkdf.derive(repeat(0x0b, 22), null, new byte[0], 42)).isEqualTo(okm);
    }

    @Test
    void aStringInfoIsItsUtf8Bytes() {
        byte[] ikm = repeat(0x0b, 22);
        assertThat(Hkdf.derive(ikm, null, "storage/person-id", 32))
                .isEqualTo(
                        Hkdf.derive(
                                ikm,
                                null,
                                "storage/person-id".getBytes(StandardCharsets.UTF_8),
                                32));
    }

    @Test
    void outputLengthIsBoundedByRfc5869() {
        byte[] ikm = repeat(0x0b, 22);
        assertThat(Hkdf.derive(ikm, null, new byte[0], 255 * 32)).hasSize(255 * 32);
        assertThatThrownBy(() -> Hkdf.derive(ikm, null, new byte[0], 255 * 32 + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hkdf.derive(ikm, null, new byte[0], 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
