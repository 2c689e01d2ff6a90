package org.pactum.platform;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the embedded default prepares before Quarkus starts, as configuration values. Shared
 * by {@link PactumMain} and the test bootstrap, so tests run the same boot path as a newcomer.
 *
 * <p>application.properties holds production settings only; the demo issuer, the demo partnership
 * and the generated keys are switched on here, and this runs only when Pactum starts its own
 * embedded database. With an external database nothing here runs, whatever the profile.
 */
public final class EmbeddedDefault {

    public static final String MASTER_KEY_FILE = "master.key";
    public static final String DEMO_ISSUER = "https://pactum.local/demo-issuer";
    private static final int MASTER_KEY_BYTES = 32;

    private EmbeddedDefault() {}

    /**
     * Starts the embedded PostgreSQL in {@code dataDirectory}, generates the master secret and the
     * demo issuer's key pair if absent, and returns the settings that point Quarkus at them.
     */
    public static Map<String, String> prepare(Path dataDirectory) {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        Map<String, String> config = new LinkedHashMap<>(settings(dir));
        if (SecretFiles.ensureRandom(dir.resolve(MASTER_KEY_FILE), MASTER_KEY_BYTES)) {
            config.put(KeySource.GENERATED, "true");
        }
        DemoKeys.ensure(dir);
        EmbeddedDatabase database = EmbeddedDatabase.start(dir);
        config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        return config;
    }

    /** The embedded default's settings for a data directory (nothing is started or written). */
    public static Map<String, String> settings(Path dataDirectory) {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("pactum.data-dir", dir.toString());
        config.put("pactum.demo.enabled", "true");
        // The console signs people in through the demo sign-in page, not an identity provider.
        config.put("pactum.console.oidc.enabled", "false");
        config.put("pactum.security.issuer", DEMO_ISSUER);
        config.put(
                "pactum.security.jwks-location", dir.resolve(DemoKeys.PUBLIC_KEY_FILE).toString());
        config.put("pactum.keys.master-secret-file", dir.resolve(MASTER_KEY_FILE).toString());
        // The embedded cluster trusts local connections; its superuser owns the schema.
        config.put("pactum.migration.username", "postgres");
        config.put("pactum.migration.password", "postgres");
        return config;
    }
}
