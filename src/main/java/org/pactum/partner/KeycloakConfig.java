package org.pactum.partner;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Where partner systems are onboarded: the partnership's Keycloak realm, reached with the admin
 * client as the confidential client {@code pactum-admin} (client credentials). Unset in the
 * embedded default, which has no Keycloak; onboarding then answers 503.
 */
@ConfigMapping(prefix = "pactum.keycloak")
public interface KeycloakConfig {

    /** e.g. https://keycloak.partnership.example (PACTUM_KEYCLOAK_SERVER_URL). */
    Optional<String> serverUrl();

    @WithDefault("partnership")
    String realm();

    @WithDefault("pactum-admin")
    String clientId();

    /** PACTUM_KEYCLOAK_CLIENT_SECRET, from a secret; never logged. */
    Optional<String> clientSecret();

    /**
     * The realm's client that holds Pactum's roles and names its token audience; the same value as
     * {@code pactum.security.audience}.
     */
    @WithDefault("${pactum.security.audience}")
    String audience();
}
