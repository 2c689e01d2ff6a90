package org.pactum.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.pactum.pseudonym.KeyRing;

/**
 * Where the master secret comes from: only the file named by {@code pactum.keys.master-secret-file}
 * (a mounted Kubernetes secret in production; generated into the data directory by the embedded
 * default), never an inline environment variable. Without one Pactum refuses to start. The value is
 * never logged or echoed: errors name the setting, not its content.
 */
@ApplicationScoped
public class KeySource {

    /**
     * Set by the embedded default's boot when it generated a new master secret, so the event is
     * audited.
     */
    public static final String GENERATED = "pactum.keys.generated";

    @Inject KeysConfig config;

    /** Whether this start generated a new master secret (the audit package records the event). */
    public boolean generatedThisStart() {
        return config.generated();
    }

    @Produces
    @Singleton
    KeyRing keyRing() {
        return new KeyRing(masterSecret());
    }

    byte[] masterSecret() {
        String encoded = readFile();
        try {
            byte[] secret = Base64.getDecoder().decode(encoded.trim());
            if (secret.length < 32) {
                throw new IllegalStateException(
                        "The master secret must decode to at least 32 bytes (base64 of 32 random bytes)");
            }
            return secret;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "The master secret is not valid base64 (the file named by "
                            + "PACTUM_KEYS_MASTER_SECRET_FILE must hold base64 of 32 random bytes)");
        }
    }

    private String readFile() {
        String file =
                config.masterSecretFile()
                        .filter(s -> !s.isBlank())
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "No master secret: set PACTUM_KEYS_MASTER_SECRET_FILE to a file holding it"));
        try {
            return new String(Files.readAllBytes(Path.of(file)), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The master secret file named by pactum.keys.master-secret-file cannot be read");
        }
    }
}
