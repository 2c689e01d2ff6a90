package org.pactum.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Where the master secret comes from, under {@code pactum.keys}. A secret has no default: without a
 * file Pactum refuses to start (see {@link KeySource}).
 */
@ConfigMapping(prefix = "pactum.keys")
public interface KeysConfig {

    /** A file (a mounted secret) holding base64 of 32 random bytes. */
    Optional<String> masterSecretFile();

    /**
     * An inline secret: never accepted in production ({@link ProductionSettings} refuses it), named
     * here only so that setting it is not an unknown property.
     */
    Optional<String> masterSecret();

    /** Set by the embedded default's boot when it generated a new master secret. */
    @WithDefault("false")
    boolean generated();
}
