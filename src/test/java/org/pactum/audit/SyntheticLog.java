package org.pactum.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/**
 * Writes an admin-style export of synthetic entries, and a checkpoint over it signed by a test key.
 */
final class SyntheticLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    final KeyPair key;

    SyntheticLog() throws Exception {
        key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    /** Writes {@code n} entries; returns the root of the tree they make. */
    byte[] export(Path file, int n) throws Exception {
        Merkle.Frontier tree = new Merkle.Frontier();
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= n; i++) {
                AuditEntry e =
                        AuditLog.build(
                                i,
                                t0.plusMillis(i),
                                new Actor(
                                        "user-" + (i % 97),
                                        "org-" + (i % 13),
                                        Set.of("analyst"),
                                        "10.0.0." + (i % 250),
                                        "req-" + i),
                                AuditEvent.allowed("release.aggregate", "agreement:" + (i % 31))
                                        .underAgreement(
                                                "a-" + (i % 31),
                                                "Serious violence needs assessment")
                                        .with("cells", i % 400)
                                        .with(
                                                "dimensions",
                                                java.util.List.of("localAuthority", "month"))
                                        .concerning("org-" + (i % 13), "org-" + (i % 7)));
                tree.append(AuditChain.leafHash(e), (l, x, h) -> {});
                w.write(JSON.writeValueAsString(AuditService.exportLine(e, null)));
                w.write('\n');
            }
        }
        return tree.root();
    }

    Path publicKey(Path file) throws Exception {
        Files.writeString(
                file,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getEncoder().encodeToString(key.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        return file;
    }

    /** A C2SP checkpoint note, built here from the spec's text. */
    Path checkpoint(Path file, String origin, long size, byte[] root) throws Exception {
        String body = origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key.getPrivate());
        s.update(body.getBytes(StandardCharsets.UTF_8));
        byte[] sig = s.sign();
        byte[] der = key.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(der, der.length - 32, der.length);
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        d.update((origin + "\n").getBytes(StandardCharsets.UTF_8));
        d.update((byte) 1);
        byte[] id = Arrays.copyOf(d.digest(raw), 4);
        byte[] line = new byte[4 + sig.length];
        System.arraycopy(id, 0, line, 0, 4);
        System.arraycopy(sig, 0, line, 4, sig.length);
        Files.writeString(
                file,
                body + "\n\u2014 " + origin + " " + Base64.getEncoder().encodeToString(line) + "\n",
                StandardCharsets.UTF_8);
        return file;
    }
}
