package org.pactum.audit;

/**
 * Signs chain-head receipts. Implemented where the keys live (the key source derives an Ed25519 key
 * from the master secret), so audit depends on no key material of its own.
 */
public interface HeadSigner {

    String algorithm();

    /**
     * The public key as PEM (SubjectPublicKeyInfo), so parties can verify receipts with openssl.
     */
    String publicKeyPem();

    /** Signature over the UTF-8 bytes of {@code message}, base64. */
    String sign(String message);
}
