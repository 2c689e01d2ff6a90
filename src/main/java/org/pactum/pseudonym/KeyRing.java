package org.pactum.pseudonym;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
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
        // The derived bytes are the Ed25519 private key of RFC 8032 section 5.1.5, taken by
        // documented APIs (no random source stands in for the seed).
        byte[] seed = Hkdf.derive(master, SALT, "audit/head-signing/ed25519", 32);
        this.headSigningKey = Ed25519Keys.privateKey(seed);
        this.headVerifyKey = Ed25519Keys.publicKey(seed);
        Arrays.fill(seed, (byte) 0);
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
}
