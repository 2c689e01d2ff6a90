package org.pactum.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Applies {@link TokenRules} to every verified token, at authentication, so that no endpoint sees a
 * caller without a subject or organisation (issuer, signature, expiry and audience are checked by
 * SmallRye JWT before this runs).
 */
@ApplicationScoped
public class TokenClaimsCheck implements SecurityIdentityAugmentor {

    @Inject SecurityConfig config;

    @Override
    public Uni<SecurityIdentity> augment(
            SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        long iat = token.getIssuedAtTime();
        Optional<String> refusal =
                TokenRules.refusal(
                        token.getSubject(),
                        ClaimPaths.string(token, config.orgClaim()),
                        iat > 0 ? Instant.ofEpochSecond(iat) : null,
                        Instant.now(),
                        config.issuedAtSkew());
        return refusal.isPresent()
                ? Uni.createFrom()
                        .failure(
                                new AuthenticationFailedException(
                                        new RejectedTokenException(refusal.get())))
                : Uni.createFrom().item(identity);
    }
}
