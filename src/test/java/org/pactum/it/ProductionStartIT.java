package org.pactum.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar in the production profile with nothing configured: it refuses to start, naming
 * every missing setting.
 */
class ProductionStartIT {

    @Test
    void refusesToStartWithoutItsSettingsAndSaysWhich() throws Exception {
        ProcessBuilder pb =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-jar",
                                Path.of("target", "quarkus-app", "quarkus-run.jar")
                                        .toAbsolutePath()
                                        .toString())
                        .redirectErrorStream(true);
        pb.environment()
                .keySet()
                .removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("PACTUM_"));
        pb.environment().put("QUARKUS_PROFILE", "production");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out)
                .contains(
                        "will not start in the production profile",
                        "QUARKUS_DATASOURCE_JDBC_URL",
                        "PACTUM_SECURITY_ISSUER",
                        "PACTUM_SECURITY_JWKS_LOCATION",
                        "PACTUM_KEYS_MASTER_SECRET_FILE");
        assertThat(Path.of("pactum-data")).as("nothing embedded was created").doesNotExist();
    }

    /**
     * Quarkus's own {@code prod} profile (the default of the packaged jar) with an external
     * database: no demo issuer, no demo seeding, no generated keys. Without production settings it
     * refuses to start, and it writes nothing into its data directory.
     */
    @Test
    void anExternalDatabaseWithTheDefaultProfileNeedsEveryProductionSetting() throws Exception {
        Path dataDir = Path.of("target", "it-external-db-data").toAbsolutePath();
        ProcessBuilder pb =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-jar",
                                Path.of("target", "quarkus-app", "quarkus-run.jar")
                                        .toAbsolutePath()
                                        .toString())
                        .redirectErrorStream(true);
        pb.environment()
                .keySet()
                .removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("PACTUM_"));
        pb.environment().put("PACTUM_DATA_DIR", dataDir.toString());
        pb.environment().put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:1/pactum");
        pb.environment().put("QUARKUS_DATASOURCE_PASSWORD", "app-password");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isEqualTo(2);
        assertThat(out)
                .contains(
                        "external database",
                        "PACTUM_MIGRATION_USERNAME",
                        "PACTUM_SECURITY_ISSUER",
                        "PACTUM_SECURITY_JWKS_LOCATION",
                        "PACTUM_KEYS_MASTER_SECRET_FILE")
                .doesNotContain("QUARKUS_DATASOURCE_JDBC_URL:", "app-password");
        assertThat(dataDir.resolve("master.key")).as("no generated master key").doesNotExist();
        assertThat(dataDir.resolve("demo-issuer-private.pem"))
                .as("no demo issuer key")
                .doesNotExist();
        assertThat(dataDir.resolve("demo-tokens.json")).as("no demo tokens").doesNotExist();
    }
}
