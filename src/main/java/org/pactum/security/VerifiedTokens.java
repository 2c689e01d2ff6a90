package org.pactum.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * SmallRye JWT's parser, remembering verified bearer tokens for a short time ({@link
 * VerifiedTokenCache}): the parser Quarkus uses to authenticate every request. Verification itself
 * is unchanged; {@link TokenClaimsCheck} still runs on every request.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens extends DefaultJWTParser {

    private VerifiedTokenCache cache;

    @Inject
    void configure(SecurityConfig config) {
        cache =
                new VerifiedTokenCache(
                        config.verifiedTokenCache(),
                        config.verifiedTokenTtl().toMillis(),
                        System::currentTimeMillis);
    }

    @Override
    public JsonWebToken parse(String bearerToken) throws ParseException {
        JsonWebToken known = cache.get(bearerToken);
        if (known != null) {
            return known;
        }
        JsonWebToken verified = super.parse(bearerToken);
        cache.put(bearerToken, verified);
        return verified;
    }
}
