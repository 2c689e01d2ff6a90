package org.pactum.pseudonym;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Every key Pactum uses, derived from the one master secret with HKDF so that instances share
 * nothing but configuration: the storage key for person ids at the door, one release key per
 * agreement (so that records released under two agreements cannot be joined), and the Ed25519 key
 * that signs audit-head receipts. The master secret never leaves this object.
 */
public final class KeyRing {

    private static final byte[] SALT = "pactum-key-derivation-v1".getBytes(StandardCharsets.UTF_8);

    private final byte[] master;
    private final byte[] storageKey;
    private final PrivateKey headSigningKey;
    private final PublicKey headVerifyKey;

    public KeyRing(byte[] masterSecret) {
        if (masterSecret == null || masterSecret.length < 32) {
            throw new IllegalArgumentException("The master secret must be at least 32 bytes");
        }
        this.master = masterSecret.clone();
        this.storageKey = Hkdf.derive(master, SALT, "storage/person-id", 32);
        byte[] seed = Hkdf.derive(master, SALT, "audit/head-signing/ed25519", 32);
        try {
            // The JDK has no seed-to-key call; its Ed25519 generator takes the private key (RFC
            // 8032 5.1.5)
            // from the random source, so a source that yields the derived seed gives the
            // deterministic pair.
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            this.headSigningKey = pair.getPrivate();
            this.headVerifyKey = pair.getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    public byte[] storageKey() {
        return storageKey.clone();
    }

    /** The release key of one agreement: re-keyed person ids differ across agreements. */
    public byte[] agreementKey(String agreementId) {
        return Hkdf.derive(master, SALT, "release/agreement/" + agreementId, 32);
    }

    public String signHead(String message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(headSigningKey);
            signature.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String headPublicKeyPem() {
        String body =
                Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(headVerifyKey.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    /** A SecureRandom that returns the given seed: only for the seed-to-key step above. */
    private static final class FixedRandom extends java.security.SecureRandom {
        private final byte[] bytes;

        FixedRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            Arrays.fill(out, (byte) 0);
            System.arraycopy(bytes, 0, out, 0, Math.min(bytes.length, out.length));
        }
    }
}
