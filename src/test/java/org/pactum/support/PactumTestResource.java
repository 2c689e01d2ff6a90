package org.pactum.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.pactum.platform.EmbeddedDefault;

/**
 * Runs the embedded default's own boot path (the one PactumMain uses) once per test JVM: a real
 * PostgreSQL 18 under target/, a generated master key and the demo issuer's key pair.
 */
public class PactumTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String URL = "pactum.test.jdbc-url";
    private static final String DIR = "pactum.test.data-dir";

    /**
     * Quarkus restarts the application (with a new class loader) for each test profile, so the one
     * database of the run is remembered in JVM-wide system properties, not in a static field.
     */
    public static Map<String, String> config() {
        synchronized (System.class) {
            if (System.getProperty(URL) == null) {
                // The pid alone repeats across runs on a machine, and a later run would then start
                // on an earlier run's database: the start time makes the directory this run's own.
                Path dir =
                        Path.of(
                                        "target",
                                        "test-data",
                                        "pactum-"
                                                + ProcessHandle.current().pid()
                                                + "-"
                                                + Long.toString(System.currentTimeMillis(), 36))
                                .toAbsolutePath();
                Map<String, String> prepared = EmbeddedDefault.prepare(dir);
                System.setProperty(URL, prepared.get("quarkus.datasource.jdbc.url"));
                System.setProperty(DIR, prepared.get("pactum.data-dir"));
            }
        }
        Map<String, String> config =
                new HashMap<>(EmbeddedDefault.settings(Path.of(System.getProperty(DIR))));
        config.put("quarkus.datasource.jdbc.url", System.getProperty(URL));
        return config;
    }

    public static Path dataDirectory() {
        return Path.of(config().get("pactum.data-dir"));
    }

    public static String jdbcUrl() {
        return config().get("quarkus.datasource.jdbc.url");
    }

    @Override
    public Map<String, String> start() {
        return config();
    }

    @Override
    public void stop() {
        // One database for the whole run; zonky's shutdown hook stops it when the JVM exits.
    }
}
