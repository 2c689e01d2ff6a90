package org.pactum.security;

/**
 * A token whose signature verified but which lacks what Pactum requires ({@link TokenRules}). The
 * message names the claim only, so it may be shown to the caller and audited. It travels as the
 * cause of an {@code AuthenticationFailedException}, which Quarkus does not let us extend.
 */
public class RejectedTokenException extends RuntimeException {

    public RejectedTokenException(String reason) {
        super(reason, null, false, false);
    }
}
