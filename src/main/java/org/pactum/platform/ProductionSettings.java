package org.pactum.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the production profile refuses to start without. Each setting may come from an environment
 * variable (the documented way) or the matching system property.
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
        if (blank(env.apply("PACTUM_KEYS_MASTER_SECRET"))
                && blank(env.apply("PACTUM_KEYS_MASTER_SECRET_FILE"))
                && blank(sys.apply("pactum.keys.master-secret"))
                && blank(sys.apply("pactum.keys.master-secret-file"))) {
            missing.add(
                    "PACTUM_KEYS_MASTER_SECRET_FILE (or PACTUM_KEYS_MASTER_SECRET): the master secret, base64 of 32 random bytes");
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
