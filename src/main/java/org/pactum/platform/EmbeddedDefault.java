package org.pactum.platform;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pactum.security.DemoKeys;

/**
 * Everything the embedded default prepares before Quarkus starts, as configuration values. Shared
 * by {@link PactumMain} and the test bootstrap, so tests run the same boot path as a newcomer.
 */
public final class EmbeddedDefault {

    public static final String MASTER_KEY_FILE = "master.key";
    private static final int MASTER_KEY_BYTES = 32;

    private EmbeddedDefault() {}

    /**
     * @param startDatabase false when an external PostgreSQL is configured: then nothing embedded
     *     starts
     */
    public static Map<String, String> prepare(Path dataDirectory, boolean startDatabase) {
        Map<String, String> config = new LinkedHashMap<>();
        Path dir = dataDirectory.toAbsolutePath().normalize();
        config.put("pactum.data-dir", dir.toString());
        if (SecretFiles.ensureRandom(dir.resolve(MASTER_KEY_FILE), MASTER_KEY_BYTES)) {
            config.put(KeySource.GENERATED, "true");
        }
        DemoKeys.ensure(dir);
        if (startDatabase) {
            EmbeddedDatabase database = EmbeddedDatabase.start(dir);
            config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        }
        return config;
    }
}
