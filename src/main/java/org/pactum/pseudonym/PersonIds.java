package org.pactum.pseudonym;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms (HMAC-SHA256, truncated to 128 bits, base64url) over normalised identifiers. A
 * plain hash of a small identifier space is reversible by enumeration (DOMAIN.md: all 9.1e8 valid
 * NHS numbers hash in minutes); the key, held only by Pactum, is what makes these one-way. Not
 * thread-safe: one instance per ingest or release stream.
 */
public final class PersonIds {

    private static final int BYTES = 16;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Mac mac;

    public PersonIds(byte[] key) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The pseudonym of an identifier within a scheme (e.g. {@code wm-police:person}). Normalised
     * first: trimmed, upper-cased, internal whitespace removed, so " ab 123" and "AB123" are one
     * person.
     */
    public String identifier(String scheme, String raw) {
        return pseudonym(scheme + ":" + normalise(raw));
    }

    /**
     * NHS numbers are one national scheme: the same patient links across every feed that carries
     * it.
     */
    public String nhsNumber(String raw) {
        return pseudonym("nhs:" + NhsNumbers.digits(raw));
    }

    /**
     * The composite linkage key for feeds with no shared identifier: surname (letters only,
     * upper-case) + first initial + date of birth (ISO) + sex.
     */
    public String linkageKey(String surname, String forename, String isoDateOfBirth, String sex) {
        String s = lettersOnly(surname);
        String f = lettersOnly(forename);
        return pseudonym(
                "link:"
                        + s
                        + "|"
                        + (f.isEmpty() ? "" : f.substring(0, 1))
                        + "|"
                        + isoDateOfBirth
                        + "|"
                        + sex.trim().toUpperCase(Locale.ROOT));
    }

    /**
     * Re-keys a stored pseudonym for release under one agreement (this instance holds that
     * agreement's key).
     */
    public String rekey(String storedPseudonym) {
        return pseudonym("release:" + storedPseudonym);
    }

    /**
     * The persistent record hash of a stored row (issue 13): a keyed HMAC of the row's stable
     * identity, its first 64 bits. Its low byte is the row's record key (0..255) for cell-key
     * perturbation; the intruder cannot compute it, so cell keys and their noise stay unknown. The
     * identity is the record reference's pseudonym when the feed has one, otherwise the stored
     * row's content, so a refresh gives unchanged records the same hash.
     */
    public long recordHash(CharSequence identity) {
        byte[] d = mac.doFinal(("record:" + identity).getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            h = (h << 8) | (d[i] & 0xFF);
        }
        return h;
    }

    private String pseudonym(String normalised) {
        byte[] digest = mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8));
        byte[] truncated = new byte[BYTES];
        System.arraycopy(digest, 0, truncated, 0, BYTES);
        return B64.encodeToString(truncated);
    }

    static String normalise(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if (!Character.isWhitespace(ch)) {
                out.append(Character.toUpperCase(ch));
            }
        }
        return out.toString();
    }

    static String lettersOnly(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        raw.codePoints()
                .filter(Character::isLetter)
                .map(Character::toUpperCase)
                .forEach(out::appendCodePoint);
        return out.toString();
    }
}
