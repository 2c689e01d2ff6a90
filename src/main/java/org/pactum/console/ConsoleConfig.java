package org.pactum.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Optional;

/**
 * The web console, under {@code pactum.console}. The console has no rules of its own: it calls
 * Pactum's REST API with the signed-in user's token, so its only settings say where that API and
 * the identity provider are.
 */
@ConfigMapping(prefix = "pactum.console")
public interface ConsoleConfig {

    /**
     * Base URL of Pactum's REST API as this instance reaches it (e.g. {@code
     * https://pactum.internal:8443}). By default the console calls back the listener the browser's
     * request came in on, at {@code localhost}.
     */
    Optional<String> apiUrl();

    /** Seconds a call to the API may take before the console gives up. */
    @WithDefault("120")
    @Min(1)
    @Max(3600)
    int apiTimeoutSeconds();

    /** Sign-in with OpenID Connect (authorisation code flow with PKCE, a public client). */
    Oidc oidc();

    interface Oidc {

        /**
         * Whether people sign in through the identity provider. On by default in the production
         * profile; off in the embedded default, where the demo sign-in stands in.
         */
        @WithDefault("false")
        boolean enabled();

        /** The public client registered for the console (deploy/keycloak). */
        @WithDefault("pactum-console")
        String clientId();

        /** Defaults to Keycloak's: {@code <issuer>/protocol/openid-connect/auth}. */
        Optional<String> authorizationEndpoint();

        /** Defaults to Keycloak's: {@code <issuer>/protocol/openid-connect/token}. */
        Optional<String> tokenEndpoint();

        /**
         * This console's public base URL (e.g. {@code https://pactum.example}); the redirect URI is
         * {@code <public-url>/console/callback}. By default taken from the request.
         */
        Optional<String> publicUrl();

        /** Scopes asked for. */
        @WithDefault("openid")
        String scope();
    }
}
