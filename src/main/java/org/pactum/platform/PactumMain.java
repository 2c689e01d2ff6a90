package org.pactum.platform;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Boot. With no external database configured (and outside the production profile) Pactum starts its
 * embedded default first: PostgreSQL in the data directory, a generated master secret and the demo
 * issuer's key pair. The values it prepares reach Quarkus as system properties before runtime init.
 */
@QuarkusMain
public class PactumMain {

    private static final Logger LOG = Logger.getLogger(PactumMain.class);

    public static void main(String... args) {
        if (org.pactum.audit.OfflineVerifier.handles(args)) {
            // Offline audit verification (README, "Verifying the audit trail offline"): no
            // database,
            // no Quarkus, so it runs on any machine with Java 17.
            System.exit(org.pactum.audit.OfflineVerifier.run(args, System.out));
        }
        BootSettings settings = BootSettings.fromEnvironment();
        if (settings.production()) {
            List<String> missing = ProductionSettings.missing(System::getenv, System::getProperty);
            if (!missing.isEmpty()) {
                // Fail fast with the remedy, not a connection error deep inside the pool or a token
                // that never verifies.
                System.err.println(
                        "Pactum will not start in the production profile: these settings are missing:");
                missing.forEach(m -> System.err.println("  - " + m));
                System.err.println(
                        "See README.md, \"Production configuration\". (The embedded database, generated keys and "
                                + "demo issuer exist only outside the production profile.)");
                System.exit(2);
            }
        }
        if (!settings.production()) {
            Map<String, String> prepared =
                    EmbeddedDefault.prepare(settings.dataDirectory(), !settings.externalDatabase());
            prepared.forEach(System::setProperty);
            LOG.infof(
                    "Embedded default: data directory %s",
                    settings.dataDirectory().toAbsolutePath());
        }
        Quarkus.run(args);
    }

    /** What boot needs to know before Quarkus's own configuration exists. */
    record BootSettings(Path dataDirectory, boolean production, boolean externalDatabase) {

        static BootSettings fromEnvironment() {
            String dataDir =
                    firstSet(
                            System.getProperty("pactum.data-dir"),
                            System.getenv("PACTUM_DATA_DIR"),
                            "./pactum-data");
            String profile =
                    firstSet(
                            System.getProperty("quarkus.profile"),
                            System.getenv("QUARKUS_PROFILE"),
                            "prod");
            String jdbcUrl =
                    firstSet(
                            System.getProperty("quarkus.datasource.jdbc.url"),
                            System.getenv("QUARKUS_DATASOURCE_JDBC_URL"),
                            "");
            return new BootSettings(
                    Path.of(dataDir), profile.contains("production"), !jdbcUrl.isBlank());
        }

        private static String firstSet(String... values) {
            for (String value : values) {
                if (value != null && !value.isBlank()) {
                    return value;
                }
            }
            return values[values.length - 1];
        }
    }
}
