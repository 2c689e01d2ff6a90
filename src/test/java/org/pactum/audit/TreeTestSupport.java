package org.pactum.audit;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pactum.support.Tokens;

/**
 * Reads the log the way an outside party would: the admin's export, the served checkpoint and key,
 * checked with code written here from the C2SP and RFC 9162 texts (not the production classes).
 */
final class TreeTestSupport {

    private static final ObjectMapper SORTED =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private TreeTestSupport() {}

    record Checkpoint(
            String text, String origin, long size, byte[] root, List<String> signatureLines) {}

    static Checkpoint parse(String note) {
        int blank = note.indexOf("\n\n");
        String text = note.substring(0, blank + 1);
        String[] lines = text.split("\n");
        List<String> sigs = Arrays.asList(note.substring(blank + 2).split("\n"));
        return new Checkpoint(
                text,
                lines[0],
                Long.parseLong(lines[1]),
                Base64.getDecoder().decode(lines[2]),
                sigs);
    }

    static String checkpointNote(String token, Long size) {
        var req = given().auth().oauth2(token);
        if (size != null) {
            req = req.queryParam("size", size);
        }
        return req.when()
                .get("/api/v1/audit/checkpoint")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /** Waits (up to 5 s) for a checkpoint covering {@code seq}; returns it. */
    static Checkpoint awaitCheckpoint(long seq) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (true) {
            Checkpoint cp = parse(checkpointNote(Tokens.admin(), null));
            if (cp.size() >= seq) {
                return cp;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no checkpoint covered seq " + seq + " within 5 s");
            }
            Thread.sleep(50);
        }
    }

    static byte[] publicKey() {
        String pem =
                given().when().get("/api/v1/audit/key").then().statusCode(200).extract().asString();
        byte[] der =
                Base64.getDecoder()
                        .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        return Arrays.copyOfRange(der, der.length - 32, der.length);
    }

    static byte[] sha256(byte[]... parts) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        for (byte[] p : parts) {
            d.update(p);
        }
        return d.digest();
    }

    /** C2SP signed-note key ID: SHA-256(name || "\n" || type || key)[:4]. */
    static byte[] keyId(String name, int type, byte[] key) throws Exception {
        return Arrays.copyOf(
                sha256(
                        (name + "\n").getBytes(StandardCharsets.UTF_8),
                        new byte[] {(byte) type},
                        key),
                4);
    }

    static boolean ed25519(byte[] rawKey, byte[] message, byte[] signature) throws Exception {
        byte[] prefix = Base64.getDecoder().decode("MCowBQYDK2VwAyEA");
        byte[] der = Arrays.copyOf(prefix, 44);
        System.arraycopy(rawKey, 0, der, 12, 32);
        PublicKey key =
                KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(key);
        s.update(message);
        return s.verify(signature);
    }

    /** Each export line's entry bytes: the line without {@code hash}, keys sorted, compact. */
    @SuppressWarnings("unchecked")
    static List<byte[]> exportEntries(long upTo) throws Exception {
        String ndjson =
                given().auth()
                        .oauth2(Tokens.admin())
                        .queryParam("toSeq", upTo)
                        .when()
                        .get("/api/v1/audit/export")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        List<byte[]> out = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> entry = SORTED.readValue(line, TreeMap.class);
            entry.remove("hash");
            out.add(SORTED.writeValueAsString(entry).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }
}
