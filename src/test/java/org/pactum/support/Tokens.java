package org.pactum.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.pactum.platform.DemoKeys;

/** Tokens for tests, signed like the demo issuer's (or deliberately not). */
public final class Tokens {

    public static final String DEMO_ISSUER = "https://pactum.local/demo-issuer";

    private Tokens() {}

    public static String of(String org, String... roles) {
        return claims(org, roles).sign(demoKey());
    }

    public static String admin() {
        return of("wm-vrp", "admin");
    }

    public static String igLead(String org) {
        return of(org, "ig-lead");
    }

    public static String analyst(String org) {
        return of(org, "analyst");
    }

    public static JwtClaimsBuilder claims(String org, String... roles) {
        Instant now = Instant.now();
        JwtClaimsBuilder b =
                Jwt.issuer(DEMO_ISSUER)
                        .subject(
                                "test-"
                                        + (org == null ? "none" : org)
                                        + "-"
                                        + String.join("-", roles))
                        .audience("pactum")
                        .claim("resource_access", Map.of("pactum", Map.of("roles", List.of(roles))))
                        .issuedAt(now)
                        .expiresAt(now.plusSeconds(600));
        if (org != null) {
            b.claim("org", org);
        }
        return b;
    }

    public static PrivateKey demoKey() {
        return DemoKeys.privateKey(PactumTestResource.dataDirectory());
    }

    public static PrivateKey strangerKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair pair = g.generateKeyPair();
            return pair.getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code alg: none}) claiming to be an administrator. */
    public static String unsignedAdmin() {
        Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
        long exp = Instant.now().plusSeconds(600).getEpochSecond();
        String header =
                enc.encodeToString(
                        "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body =
                enc.encodeToString(
                        ("{\"iss\":\""
                                        + DEMO_ISSUER
                                        + "\",\"sub\":\"x\",\"org\":\"wm-vrp\",\"aud\":\"pactum\",\"exp\":"
                                        + exp
                                        + ",\"resource_access\":{\"pactum\":{\"roles\":[\"admin\"]}}}")
                                .getBytes(StandardCharsets.UTF_8));
        return header + "." + body + ".";
    }
}
