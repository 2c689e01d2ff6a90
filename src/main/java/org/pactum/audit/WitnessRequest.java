package org.pactum.audit;

/**
 * A witness's cosignature: the checkpoint note it checked (as served, Pactum's signature included),
 * the cosignature/v1 timestamp (seconds since the epoch) and its Ed25519 signature over {@code
 * "cosignature/v1\ntime <timestamp>\n" + checkpoint body}, base64. {@code publicKey} (PEM) is
 * needed the first time only: it registers the organisation's witness key.
 */
public record WitnessRequest(
        String checkpoint, Long timestamp, String signature, String publicKey) {}
