package org.pactum.disclosure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The records (or distinct persons) behind one cell, summarised: how many, and the sum mod 2^64 of
 * their persistent 64-bit hashes. The low byte of the sum is the cell key (the sum of the records'
 * keys mod 256, since the record key is the low byte of the record hash); the pair identifies the
 * record set for the release history without storing a single record.
 */
public record RecordSet(long count, long hashSum) {

    public static final RecordSet EMPTY = new RecordSet(0, 0);

    public int cellKey() {
        return Ptable.cellKey(hashSum);
    }

    public RecordSet plus(RecordSet o) {
        return new RecordSet(count + o.count, hashSum + o.hashSum);
    }

    /** The records of this set that are not in {@code o}, a subset of it. */
    public RecordSet minus(RecordSet o) {
        return new RecordSet(count - o.count, hashSum - o.hashSum);
    }

    /** SHA-256 of the measure, the count and the hash sum: what the release history stores. */
    public String fingerprint(String measure) {
        return sha256(measure + "|" + count + "|" + Long.toUnsignedString(hashSum));
    }

    static String sha256(String text) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(d.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
