package org.pactum.audit;

import java.nio.charset.StandardCharsets;

/**
 * The offline verifier's fast path: recognises an export line that is already in the canonical form
 * (keys strictly sorted at every level, no whitespace, ASCII strings without escapes, integers
 * without sign or leading zeros other than a single minus) with a top-level string {@code hash}, so
 * its canonical bytes are the line with the {@code hash} member cut out and no JSON parser is
 * needed. Anything else (a redacted line, an escape, a fraction, non-ASCII text, a key out of
 * order) is not recognised and goes to the parsing path, which handles every line: for the lines
 * recognised here both paths give the same bytes.
 */
final class CanonicalLine {

    /** A recognised line: its seq and hash, its prevHash (null unless a string), the cut bytes. */
    record Parts(long seq, String hash, String prevHash, byte[] canonical) {}

    private final byte[] b;
    private int at;
    private int hashStart = -1;
    private int hashEnd;
    private String hash;
    private String prevHash;
    private long seq;
    private boolean seqSeen;

    private CanonicalLine(byte[] line) {
        this.b = line;
    }

    /** The parts of {@code line} if it is canonical as described above, else null. */
    static Parts recognise(byte[] line) {
        CanonicalLine scan = new CanonicalLine(line);
        if (!scan.topLevel() || scan.at != line.length || scan.hashStart < 0 || !scan.seqSeen) {
            return null;
        }
        byte[] cut = new byte[line.length - (scan.hashEnd - scan.hashStart)];
        System.arraycopy(line, 0, cut, 0, scan.hashStart);
        System.arraycopy(line, scan.hashEnd, cut, scan.hashStart, line.length - scan.hashEnd);
        return new Parts(scan.seq, scan.hash, scan.prevHash, cut);
    }

    /** The top-level object; notes where the hash member is, with one adjoining comma. */
    private boolean topLevel() {
        if (!take('{')) {
            return false;
        }
        String previous = null;
        boolean first = true;
        while (!take('}')) {
            int memberStart = at;
            if (!first && !take(',')) {
                return false;
            }
            String key = string();
            if (key == null || (previous != null && key.compareTo(previous) <= 0) || !take(':')) {
                return false;
            }
            if (!topLevelValue(key, first, memberStart)) {
                return false;
            }
            previous = key;
            first = false;
        }
        return true;
    }

    private boolean topLevelValue(String key, boolean first, int memberStart) {
        int valueStart = at;
        switch (key) {
            case "redacted":
                return false; // the parsing path reads the given leaf hash
            case "hash":
                hash = string();
                if (hash == null) {
                    return false;
                }
                // Cut ',"hash":"…"' or, if it comes first, '"hash":"…",'.
                hashStart = memberStart;
                hashEnd = first && peek(',') ? at + 1 : at;
                return true;
            case "seq":
                seqSeen = true;
                return integer();
            case "prevHash":
                if (peek('"')) {
                    prevHash = string();
                    return prevHash != null;
                }
                return value();
            default:
                return value() && at > valueStart;
        }
    }

    private boolean value() {
        if (at >= b.length) {
            return false;
        }
        return switch (b[at]) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string() != null;
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        };
    }

    private boolean object() {
        take('{');
        String previous = null;
        boolean first = true;
        while (!take('}')) {
            if (!first && !take(',')) {
                return false;
            }
            String key = string();
            if (key == null
                    || (previous != null && key.compareTo(previous) <= 0)
                    || !take(':')
                    || !value()) {
                return false;
            }
            previous = key;
            first = false;
        }
        return true;
    }

    private boolean array() {
        take('[');
        boolean first = true;
        while (!take(']')) {
            if ((!first && !take(',')) || !value()) {
                return false;
            }
            first = false;
        }
        return true;
    }

    /** A string of printable ASCII without escapes, or null. */
    private String string() {
        if (!take('"')) {
            return null;
        }
        int start = at;
        while (at < b.length) {
            byte c = b[at];
            if (c == '"') {
                String s = new String(b, start, at - start, StandardCharsets.ISO_8859_1);
                at++;
                return s;
            }
            if (c < 0x20 || c == '\\' || c == 0x7f) {
                return null; // an escape, a control character or non-ASCII (negative byte)
            }
            at++;
        }
        return null;
    }

    /** An integer as the parser would print it back: no "-0", no leading zeros, fits a long. */
    private boolean integer() {
        int start = at;
        boolean negative = take('-');
        int digits = at;
        while (at < b.length && b[at] >= '0' && b[at] <= '9') {
            at++;
        }
        int n = at - digits;
        if (n == 0 || n > 18 || (b[digits] == '0' && (n > 1 || negative))) {
            return false;
        }
        seq = Long.parseLong(new String(b, start, at - start, StandardCharsets.ISO_8859_1));
        return true;
    }

    /** A number value: only integers are recognised (fractions and exponents are reformatted). */
    private boolean number() {
        long keep = seq;
        boolean ok = integer();
        seq = keep;
        return ok;
    }

    private boolean literal(String word) {
        if (b.length - at < word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (b[at + i] != word.charAt(i)) {
                return false;
            }
        }
        at += word.length();
        return true;
    }

    private boolean take(char c) {
        if (at < b.length && b[at] == c) {
            at++;
            return true;
        }
        return false;
    }

    private boolean peek(char c) {
        return at < b.length && b[at] == c;
    }
}
