package org.pactum.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * C2SP formats, exactly: {@code tlog-checkpoint} bodies, {@code signed-note} Ed25519 signature
 * lines, and {@code tlog-cosignature} (cosignature/v1) witness lines. Pure code, so the offline
 * verifier uses the same parser an independent tool would.
 */
public final class SignedNote {

    /** C2SP signed-note signature type of an Ed25519 key. */
    public static final byte ED25519 = 0x01;

    /** C2SP tlog-cosignature signature type (cosignature/v1). */
    public static final byte COSIGNATURE_V1 = 0x04;

    private static final String DASH = "\u2014 ";
    private static final byte[] SPKI_ED25519_PREFIX =
            Base64.getDecoder().decode("MCowBQYDK2VwAyEA"); // 302a300506032b6570032100

    private SignedNote() {}

    public record Checkpoint(String origin, long size, byte[] root) {
        public String body() {
            return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
        }
    }

    public record SignatureLine(String name, byte[] keyId, byte[] signature) {}

    /** A parsed note: its text (the signed message) and its signature lines. */
    public record Note(String text, List<SignatureLine> signatures) {}

    public static Note parse(String note) {
        int split = note.indexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException(
                    "a signed note has a blank line before its signatures");
        }
        String text = note.substring(0, split + 1);
        List<SignatureLine> lines = new ArrayList<>();
        String rest = note.substring(split + 2);
        if (!rest.endsWith("\n")) {
            throw new IllegalArgumentException("a signed note ends with a newline");
        }
        for (String line : rest.substring(0, rest.length() - 1).split("\n", -1)) {
            lines.add(parseSignatureLine(line));
        }
        return new Note(text, lines);
    }

    /** One signature line, without its newline. */
    public static SignatureLine parseSignatureLine(String line) {
        if (!line.startsWith(DASH)) {
            throw new IllegalArgumentException("signature lines start with an em dash and a space");
        }
        String[] parts = line.substring(DASH.length()).split(" ", -1);
        if (parts.length != 2 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("a signature line is a key name and a signature");
        }
        byte[] raw = Base64.getDecoder().decode(parts[1]);
        if (raw.length < 5) {
            throw new IllegalArgumentException("a signature is a key ID and signature bytes");
        }
        return new SignatureLine(
                parts[0], Arrays.copyOf(raw, 4), Arrays.copyOfRange(raw, 4, raw.length));
    }

    public static Checkpoint parseCheckpoint(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 4 || !lines[lines.length - 1].isEmpty()) {
            throw new IllegalArgumentException(
                    "a checkpoint has an origin, a size and a root hash");
        }
        if (lines[0].isEmpty() || !lines[1].matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("a checkpoint's size is a decimal number");
        }
        byte[] root = Base64.getDecoder().decode(lines[2]);
        if (root.length != Merkle.HASH_BYTES) {
            throw new IllegalArgumentException("a checkpoint's root is 32 bytes in base64");
        }
        return new Checkpoint(lines[0], Long.parseLong(lines[1]), root);
    }

    /** key ID = SHA-256(name || 0x0A || type || public key)[:4]. */
    public static byte[] keyId(String name, byte type, byte[] publicKey) {
        MessageDigest d = Merkle.sha256();
        d.update(name.getBytes(StandardCharsets.UTF_8));
        d.update((byte) '\n');
        d.update(type);
        return Arrays.copyOf(d.digest(publicKey), 4);
    }

    public static String signatureLine(String name, byte[] keyId, byte[] signature) {
        byte[] raw = ByteBuffer.allocate(4 + signature.length).put(keyId).put(signature).array();
        return DASH + name + " " + Base64.getEncoder().encodeToString(raw) + "\n";
    }

    /** The message a cosignature/v1 witness signs over a checkpoint body. */
    public static String cosignedMessage(long timestamp, String body) {
        return "cosignature/v1\ntime " + timestamp + "\n" + body;
    }

    /** The signature bytes of a cosignature line: timestamp (big-endian uint64) || Ed25519. */
    public static byte[] cosignature(long timestamp, byte[] signature) {
        return ByteBuffer.allocate(8 + signature.length).putLong(timestamp).put(signature).array();
    }

    /** The raw 32-byte Ed25519 key of a PEM or DER SubjectPublicKeyInfo. */
    public static byte[] rawEd25519(String pem) {
        String b64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(b64);
        if (der.length != 44 || !Arrays.equals(Arrays.copyOf(der, 12), SPKI_ED25519_PREFIX)) {
            throw new IllegalArgumentException(
                    "not an Ed25519 public key in PEM (SubjectPublicKeyInfo)");
        }
        return Arrays.copyOfRange(der, 12, 44);
    }

    public static String pem(byte[] rawKey) {
        byte[] der = ByteBuffer.allocate(44).put(SPKI_ED25519_PREFIX).put(rawKey).array();
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getEncoder().encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
    }

    public static boolean verifyEd25519(byte[] rawKey, byte[] message, byte[] signature) {
        try {
            PublicKey key =
                    KeyFactory.getInstance("Ed25519")
                            .generatePublic(
                                    new X509EncodedKeySpec(
                                            ByteBuffer.allocate(44)
                                                    .put(SPKI_ED25519_PREFIX)
                                                    .put(rawKey)
                                                    .array()));
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** True when {@code note} carries a valid Ed25519 signature line by (name, key). */
    public static boolean signedBy(Note note, String name, byte[] rawKey) {
        byte[] id = keyId(name, ED25519, rawKey);
        for (SignatureLine line : note.signatures()) {
            if (line.name().equals(name)
                    && Arrays.equals(line.keyId(), id)
                    && verifyEd25519(
                            rawKey,
                            note.text().getBytes(StandardCharsets.UTF_8),
                            line.signature())) {
                return true;
            }
        }
        return false;
    }
}
