package org.pactum.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * Who Pactum trusts to say who a caller is, under {@code pactum.security}: the token issuer, where
 * its keys are, and where its tokens carry the organisation. Validated at startup: a bad value
 * stops Pactum with a message naming the setting.
 */
@ConfigMapping(prefix = "pactum.security")
public interface SecurityConfig {

    /** The token issuer (the Keycloak realm URL; the demo issuer's in the embedded default). */
    @NotBlank
    String issuer();

    /**
     * The issuer's JWKS URL or public key file (read by SmallRye JWT, named here to be checked).
     */
    Optional<String> jwksLocation();

    /** The audience Pactum's tokens must name. */
    @NotBlank
    String audience();

    /** The claim (a path, {@code a/b}) that carries the caller's organisation code. */
    @NotBlank
    String orgClaim();

    /** How far in the future a token's issued-at may be before it is refused (clock skew). */
    @WithDefault("PT60S")
    @DurationMin(seconds = 0)
    @DurationMax(minutes = 10)
    Duration issuedAtSkew();

    /**
     * How many verified tokens are remembered so that a client's next requests skip signature
     * verification (0 verifies every request afresh). See VerifiedTokenCache.
     */
    @WithDefault("4096")
    @Min(0)
    @Max(100_000)
    int verifiedTokenCache();

    /**
     * How long a verified token is reused before it is verified again (never past its own expiry):
     * also how long a key withdrawn from the issuer can still authenticate a token seen before.
     */
    @WithDefault("PT30S")
    @DurationMin(seconds = 0)
    @DurationMax(minutes = 5)
    Duration verifiedTokenTtl();
}
