package org.pactum.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What Pactum refuses to start without whenever it is not the embedded default (an external
 * database, or a production profile). Each setting may come from an environment variable (the
 * documented way) or the matching system property.
 */
final class ProductionSettings {

    private ProductionSettings() {}

    /** One line per missing setting, naming the variable to set and what it is. */
    static List<String> missing(UnaryOperator<String> env, UnaryOperator<String> sys) {
        List<String> missing = new ArrayList<>();
        require(
                missing,
                env,
                sys,
                "QUARKUS_DATASOURCE_JDBC_URL",
                "quarkus.datasource.jdbc.url",
                "the PostgreSQL JDBC URL");
        require(
                missing,
                env,
                sys,
                "QUARKUS_DATASOURCE_PASSWORD",
                "quarkus.datasource.password",
                "the application role's password");
        require(
                missing,
                env,
                sys,
                "PACTUM_MIGRATION_USERNAME",
                "pactum.migration.username",
                "the schema owner Flyway migrates as");
        require(
                missing,
                env,
                sys,
                "PACTUM_MIGRATION_PASSWORD",
                "pactum.migration.password",
                "the schema owner's password");
        require(
                missing,
                env,
                sys,
                "PACTUM_SECURITY_ISSUER",
                "pactum.security.issuer",
                "the token issuer (the Keycloak realm URL)");
        require(
                missing,
                env,
                sys,
                "PACTUM_SECURITY_JWKS_LOCATION",
                "pactum.security.jwks-location",
                "the issuer's JWKS URL");
        require(
                missing,
                env,
                sys,
                "PACTUM_KEYS_MASTER_SECRET_FILE",
                "pactum.keys.master-secret-file",
                "a file (a mounted secret) holding the master secret, base64 of 32 random bytes");
        // An inline secret sits in the process environment, where /proc, crash dumps and
        // orchestrator listings show it: production takes it only from a file.
        if (!blank(env.apply("PACTUM_KEYS_MASTER_SECRET"))
                || !blank(sys.apply("pactum.keys.master-secret"))) {
            missing.add(
                    "PACTUM_KEYS_MASTER_SECRET: an inline master secret is not accepted; unset it and mount the "
                            + "secret as a file named by PACTUM_KEYS_MASTER_SECRET_FILE");
        }
        return missing;
    }

    private static void require(
            List<String> missing,
            UnaryOperator<String> env,
            UnaryOperator<String> sys,
            String variable,
            String property,
            String what) {
        if (blank(env.apply(variable)) && blank(sys.apply(property))) {
            missing.add(variable + ": " + what);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
