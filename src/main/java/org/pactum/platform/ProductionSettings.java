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

    /** A setting the environment must give: its variable, its system property, what it is. */
    private record Required(String variable, String property, String what) {}

    private static final List<Required> REQUIRED =
            List.of(
                    new Required(
                            "QUARKUS_DATASOURCE_JDBC_URL",
                            "quarkus.datasource.jdbc.url",
                            "the PostgreSQL JDBC URL"),
                    new Required(
                            "QUARKUS_DATASOURCE_PASSWORD",
                            "quarkus.datasource.password",
                            "the application role's password"),
                    new Required(
                            "PACTUM_MIGRATION_USERNAME",
                            "pactum.migration.username",
                            "the schema owner Flyway migrates as"),
                    new Required(
                            "PACTUM_MIGRATION_PASSWORD",
                            "pactum.migration.password",
                            "the schema owner's password"),
                    new Required(
                            "PACTUM_SECURITY_ISSUER",
                            "pactum.security.issuer",
                            "the token issuer (the Keycloak realm URL)"),
                    new Required(
                            "PACTUM_SECURITY_JWKS_LOCATION",
                            "pactum.security.jwks-location",
                            "the issuer's JWKS URL"),
                    new Required(
                            "PACTUM_KEYS_MASTER_SECRET_FILE",
                            "pactum.keys.master-secret-file",
                            "a file (a mounted secret) holding the master secret, base64 of 32"
                                    + " random bytes"));

    private ProductionSettings() {}

    /** One line per missing setting, naming the variable to set and what it is. */
    static List<String> missing(UnaryOperator<String> env, UnaryOperator<String> sys) {
        List<String> missing = new ArrayList<>();
        for (Required r : REQUIRED) {
            if (blank(env.apply(r.variable())) && blank(sys.apply(r.property()))) {
                missing.add(r.variable() + ": " + r.what());
            }
        }
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

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
