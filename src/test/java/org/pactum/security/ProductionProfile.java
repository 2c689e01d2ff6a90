package org.pactum.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.pactum.platform.SecretFiles;
import org.pactum.support.PactumTestResource;

/**
 * Pactum's production profile, with a stand-in identity provider key: its public key is the only
 * one trusted, exactly as Keycloak's JWKS would be. (The real Keycloak end to end is issue 7's
 * test.)
 */
public class ProductionProfile implements QuarkusTestProfile {

    public static final String ISSUER = "https://keycloak.test/realms/partnership";
    static final KeyPair IDP_KEYS = generate();

    @Override
    public String getConfigProfile() {
        return "production";
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        // Production settings only, on the run's PostgreSQL as an external database: none of the
        // embedded default's settings (demo issuer, demo keys, generated master key) are given.
        return Map.of(
                "quarkus.datasource.jdbc.url",
                PactumTestResource.jdbcUrl(),
                "pactum.security.issuer",
                ISSUER,
                "pactum.security.jwks-location",
                publicKeyFile().toString(),
                "pactum.keys.master-secret-file",
                masterSecretFile().toString(),
                "pactum.migration.username",
                "postgres",
                "pactum.migration.password",
                "postgres");
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    /** A mounted secret, as Kubernetes would provide it. */
    private static Path masterSecretFile() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Path file = Path.of("target", "production-master-secret").toAbsolutePath();
        SecretFiles.write(file, Base64.getEncoder().encode(secret));
        return file;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path publicKeyFile() {
        try {
            Path file = Path.of("target", "production-idp-public.pem").toAbsolutePath();
            String pem =
                    "-----BEGIN PUBLIC KEY-----\n"
                            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                    .encodeToString(IDP_KEYS.getPublic().getEncoded())
                            + "\n-----END PUBLIC KEY-----\n";
            Files.writeString(file, pem);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
