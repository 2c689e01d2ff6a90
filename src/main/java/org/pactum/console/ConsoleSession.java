package org.pactum.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pactum.security.SecurityConfig;

/**
 * The signed-in user's session: their bearer token, kept in an HttpOnly cookie scoped to {@code
 * /console} and forwarded to the API on every call. The console never decides anything from it; the
 * API verifies it on each request. Forms carry a token derived from the session (and the cookie is
 * SameSite), so another site cannot make a signed-in browser act.
 */
@RequestScoped
public class ConsoleSession {

    public static final String COOKIE = "pactum_console";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject HttpServerRequest request;

    @Inject ConsoleConfig config;

    /** Where tokens carry roles: SmallRye JWT's own setting, read as verification reads it. */
    @ConfigProperty(name = "smallrye.jwt.path.groups", defaultValue = "groups")
    String groupsPath;

    @Inject SecurityConfig security;

    private ConsoleUser user;

    /** The session's token, or null when no one is signed in. */
    public String token() {
        Cookie cookie = request.getCookie(COOKIE);
        return cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
    }

    /** The token, or a redirect to the sign-in page. */
    public String requireToken() {
        String token = token();
        if (token == null) {
            throw new SignInRequired();
        }
        return token;
    }

    /** Who is signed in (display only), or a redirect to sign in. */
    public ConsoleUser user() {
        if (user == null) {
            user = read(requireToken());
        }
        return user;
    }

    /** The user if signed in, else null. */
    public ConsoleUser userOrNull() {
        return token() == null ? null : user();
    }

    /** The form token for this session. */
    public String csrf() {
        return csrfFor(requireToken());
    }

    /** Refuses a form that did not come from a console page of this session. */
    public void checkCsrf(String given) {
        String expected = csrf();
        if (given == null
                || !MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.US_ASCII),
                        given.getBytes(StandardCharsets.US_ASCII))) {
            throw ConsoleRefusal.denial(
                    403,
                    "This form has expired",
                    "The form did not come from this sign-in session. Go back, reload the page and try again.");
        }
    }

    /** A cookie holding {@code token} until it expires. */
    public Cookie signInCookie(String token) {
        long lifetime = Math.max(60, expiry(token) - Instant.now().getEpochSecond());
        return cookie(COOKIE, token, lifetime, CookieSameSite.LAX);
    }

    public Cookie signOutCookie() {
        return cookie(COOKIE, "", 0, CookieSameSite.LAX);
    }

    Cookie cookie(String name, String value, long maxAgeSeconds, CookieSameSite sameSite) {
        return Cookie.cookie(name, value)
                .setPath("/console")
                .setHttpOnly(true)
                // Secure over TLS, and behind a TLS-terminating proxy when the public URL is https.
                .setSecure(
                        request.isSSL()
                                || config.oidc()
                                        .publicUrl()
                                        .map(u -> u.startsWith("https:"))
                                        .orElse(false))
                .setSameSite(sameSite)
                .setMaxAge(maxAgeSeconds);
    }

    static String csrfFor(String token) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(("console-form:" + token).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ConsoleUser read(String token) {
        JsonNode claims = claims(token);
        Set<String> roles = new TreeSet<>();
        at(claims, groupsPath).forEach(r -> roles.add(r.asText()));
        JsonNode org = at(claims, security.orgClaim());
        String name =
                claims.hasNonNull("preferred_username")
                        ? claims.get("preferred_username").asText()
                        : claims.path("sub").asText("");
        return new ConsoleUser(name, org.isTextual() ? org.asText() : null, Set.copyOf(roles));
    }

    private static long expiry(String token) {
        return claims(token).path("exp").asLong(0);
    }

    private static JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            throw new SignInRequired();
        }
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (Exception e) {
            throw new SignInRequired();
        }
    }

    private static JsonNode at(JsonNode node, String path) {
        JsonNode n = node;
        for (String part : path.split("/")) {
            n = n.path(part);
        }
        return n;
    }
}
