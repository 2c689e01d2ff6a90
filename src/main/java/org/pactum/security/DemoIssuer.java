package org.pactum.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pactum.platform.DemoKeys;
import org.pactum.platform.SecretFiles;

/**
 * The embedded default's local token issuer. It signs demo identities' tokens with the key pair in
 * the data directory; tokens have the shape Keycloak issues (Pactum's client roles in {@code
 * resource_access.pactum.roles}, Pactum as audience, the organisation in its own claim), so the
 * same verification path serves the demo and production. The production profile never calls it, and
 * trusts only its configured JWKS.
 */
@ApplicationScoped
public class DemoIssuer {

    public static final String TOKENS_FILE = "demo-tokens.json";

    /**
     * The platform's data directory: a single key of the boot (set by the embedded default), not a
     * feature's settings, so it has no mapping of its own.
     */
    @ConfigProperty(name = "pactum.data-dir")
    String dataDir;

    /**
     * Where verification reads roles from (SmallRye JWT's own setting); the demo puts them exactly
     * there.
     */
    @ConfigProperty(name = "smallrye.jwt.path.groups")
    String rolesPath;

    @Inject SecurityConfig security;

    @Inject DemoConfig demo;

    @Inject ObjectMapper json;

    public boolean enabled() {
        return demo.enabled();
    }

    /** A demo identity: its token name, subject, organisation and roles. */
    public record Identity(String name, String subject, String organisation, Set<String> roles) {}

    public String mint(Identity identity) {
        if (!demo.enabled()) {
            throw new IllegalStateException("The demo issuer exists only in the embedded default");
        }
        Instant now = Instant.now();
        var claims =
                Jwt.issuer(security.issuer())
                        .subject(identity.subject())
                        .audience(security.audience())
                        .claim("preferred_username", identity.name())
                        .issuedAt(now)
                        .expiresAt(now.plus(demo.tokenLifetime()));
        String[] path = rolesPath.split("/");
        Object roles = List.copyOf(new TreeSet<>(identity.roles()));
        for (int i = path.length - 1; i > 0; i--) {
            roles = Map.of(path[i], roles);
        }
        claims.claim(path[0], roles);
        if (identity.organisation() != null) {
            claims.claim(security.orgClaim(), identity.organisation());
        }
        return claims.jws().keyId("pactum-demo").sign(DemoKeys.privateKey(Path.of(dataDir)));
    }

    /** Writes {@code name -> token} to the data directory (owner-only) and returns the file. */
    public Path writeTokens(Map<String, String> tokens) {
        Path file = Path.of(dataDir).resolve(TOKENS_FILE);
        try {
            SecretFiles.write(
                    file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(tokens));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
