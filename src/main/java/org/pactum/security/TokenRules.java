package org.pactum.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a signature-checked token must still carry before Pactum acts on it: a subject (every audit
 * entry and submission names one), an organisation for every role (tenancy is decided by it), and
 * an issue time that is not in the future beyond a small clock skew (a token minted ahead of time
 * would outlive the issuer's own lifetime rules). Pure rules; the reason names the claim, never its
 * value.
 */
public final class TokenRules {

    private TokenRules() {}

    /**
     * @param issuedAt the {@code iat} claim, null when absent
     * @return why the token is refused, or empty when it may be used
     */
    public static Optional<String> refusal(
            String subject, String organisation, Instant issuedAt, Instant now, Duration skew) {
        if (blank(subject)) {
            return Optional.of("the token has no 'sub' claim");
        }
        if (blank(organisation)) {
            return Optional.of("the token has no organisation claim ('org')");
        }
        if (issuedAt == null) {
            return Optional.of("the token has no 'iat' claim");
        }
        if (issuedAt.isAfter(now.plus(skew))) {
            return Optional.of("the token's 'iat' claim is in the future");
        }
        return Optional.empty();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
