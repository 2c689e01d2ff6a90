package org.pactum.platform;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.pactum.audit.OfflineVerifier;

/**
 * Boot. Pactum runs in one of two modes, decided before Quarkus reads its configuration:
 *
 * <ul>
 *   <li>embedded default: no external database is configured and the profile is not a production
 *       one. Pactum starts PostgreSQL in the data directory, generates the master secret and the
 *       demo issuer's key pair, and enables the demo partnership;
 *   <li>production: an external database is configured (with any profile, Quarkus's own {@code
 *       prod} included) or the profile is a production one. Every production setting must be given,
 *       or Pactum refuses to start naming what is missing; nothing of the demo runs.
 * </ul>
 *
 * The values the embedded default prepares reach Quarkus as system properties before runtime init.
 */
@QuarkusMain
public class PactumMain {

    private static final Logger LOG = Logger.getLogger(PactumMain.class);

    public static void main(String... args) {
        if (OfflineVerifier.handles(args)) {
            // Offline audit verification (README, "Verifying the audit trail offline"): no
            // database,
            // no Quarkus, so it runs on any machine with Java 17.
            System.exit(OfflineVerifier.run(args, System.out));
        }
        BootSettings settings = BootSettings.fromEnvironment();
        if (settings.embedded()) {
            Map<String, String> prepared = EmbeddedDefault.prepare(settings.dataDirectory());
            prepared.forEach(System::setProperty);
            LOG.infof(
                    "Embedded default: data directory %s",
                    settings.dataDirectory().toAbsolutePath());
        } else {
            List<String> missing = ProductionSettings.missing(System::getenv, System::getProperty);
            if (!missing.isEmpty()) {
                // Fail fast with the remedy, not a connection error deep inside the pool or a token
                // that never verifies.
                System.err.println(
                        settings.production()
                                ? "Pactum will not start in the production profile: these settings are missing:"
                                : "Pactum will not start: an external database runs only with production settings, "
                                        + "and these are missing:");
                missing.forEach(m -> System.err.println("  - " + m));
                System.err.println(
                        "See README.md, \"Production configuration\". (The embedded database, generated keys and "
                                + "demo issuer exist only in the embedded default, which starts its own database.)");
                System.exit(2);
            }
            // Nothing may switch the demo on against a real database (a system property outranks
            // the environment and application.properties).
            System.setProperty("pactum.demo.enabled", "false");
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
            return of(dataDir, profile, jdbcUrl);
        }

        static BootSettings of(String dataDir, String profile, String jdbcUrl) {
            return new BootSettings(
                    Path.of(dataDir),
                    profile.contains("production"),
                    jdbcUrl != null && !jdbcUrl.isBlank());
        }

        /** The embedded default runs only on its own database, and never in production. */
        boolean embedded() {
            return !production && !externalDatabase;
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
