package org.pactum.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The audit-head receipt key: Ed25519 (RFC 8032) from an HKDF-derived private key. Known answers
 * come from RFC 8032 section 7.1 and, for Pactum's own derivation, from an independent
 * implementation (Python's hmac for RFC 5869, then OpenSSL 3 for the key pair and signature): see
 * the comment on {@link #pactumsDerivationHasAKnownAnswer()}.
 */
class HeadSigningKeyTest {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] sign(PrivateKey key, byte[] message) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key);
        s.update(message);
        return s.sign();
    }

    private static boolean verify(PublicKey key, byte[] message, byte[] signature)
            throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(key);
        s.update(message);
        return s.verify(signature);
    }

    @Test
    void rfc8032Test1() throws Exception {
        byte[] secret =
                HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        assertThat(HEX.formatHex(Ed25519Keys.publicKeyBytes(secret)))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        byte[] signature = sign(Ed25519Keys.privateKey(secret), new byte[0]);
        assertThat(HEX.formatHex(signature))
                .isEqualTo(
                        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        assertThat(verify(Ed25519Keys.publicKey(secret), new byte[0], signature)).isTrue();
    }

    @Test
    void rfc8032Test2() throws Exception {
        byte[] secret =
                HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
        assertThat(HEX.formatHex(Ed25519Keys.publicKeyBytes(secret)))
                .isEqualTo("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
        byte[] message = {0x72};
        byte[] signature = sign(Ed25519Keys.privateKey(secret), message);
        assertThat(HEX.formatHex(signature))
                .isEqualTo(
                        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        assertThat(verify(Ed25519Keys.publicKey(secret), message, signature)).isTrue();
    }

    /**
     * Master secret 0x00..0x1f. Computed independently: seed = HKDF-SHA256(master, salt
     * "pactum-key-derivation-v1", info "audit/head-signing/ed25519", 32) with Python's hmac module
     * = 42f360c9...8ce5; then {@code openssl pkey -pubout} and {@code openssl pkeyutl -sign -rawin}
     * on the PKCS#8 key holding that seed.
     */
    @Test
    void pactumsDerivationHasAKnownAnswer() throws Exception {
        byte[] master = new byte[32];
        for (int i = 0; i < 32; i++) {
            master[i] = (byte) i;
        }
        KeyRing keys = new KeyRing(master);
        String pem = keys.headPublicKeyPem();
        byte[] spki =
                Base64.getMimeDecoder()
                        .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        assertThat(HEX.formatHex(Arrays.copyOfRange(spki, spki.length - 32, spki.length)))
                .isEqualTo("1c967206dc8953e531a1a5c33b90af41d10ffd230b24ea3f686105e42c458b89");
        assertThat(HEX.formatHex(Arrays.copyOfRange(spki, 0, 12)))
                .as("RFC 8410 SubjectPublicKeyInfo for Ed25519")
                .isEqualTo("302a300506032b6570032100");
        // The other derived keys, from the same independent HKDF.
        assertThat(HEX.formatHex(keys.storageKey()))
                .isEqualTo("1a35d5cbe3b14556460d9646d655dfb7fff2678c01385fa696fd96c08629f149");
        assertThat(HEX.formatHex(keys.agreementKey("a1")))
                .isEqualTo("242f4c240e0581a6b629d44a2bf4724ca4a8e6bbacc1cdf55ec0fd6a9196b57b");
        assertThat(HEX.formatHex(Base64.getDecoder().decode(keys.signHead("pactum"))))
                .isEqualTo(
                        "5b56f174202bc45c0ed84e9e86a744da1ff0dd957d9a000639e1e0a6293217b89d34528b6401d3f38b77fbac04980a45d9e803e2353cfe4d118503167e87c903");
    }

    @Test
    void differentMastersGiveDifferentKeysAndAgreementKeysDiffer() {
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        b[31] = 1;
        KeyRing ka = new KeyRing(a);
        KeyRing kb = new KeyRing(b);
        assertThat(ka.headPublicKeyPem()).isNotEqualTo(kb.headPublicKeyPem());
        assertThat(ka.storageKey()).isNotEqualTo(kb.storageKey());
        assertThat(ka.agreementKey("a1")).isNotEqualTo(ka.agreementKey("a2"));
        assertThat(ka.agreementKey("a1")).isEqualTo(new KeyRing(a).agreementKey("a1"));
        assertThat(ka.signHead("head")).isNotEqualTo(kb.signHead("head"));
    }
}
