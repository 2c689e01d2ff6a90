package org.pactum.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 9162 §2.1 Merkle tree hashing, audit paths and consistency proofs. Pure code: the tree's
 * stored perfect subtrees are reached through {@link Nodes}, so the same functions serve the
 * database, the offline verifier and the integrator.
 */
public final class Merkle {

    public static final int HASH_BYTES = 32;

    private Merkle() {}

    /** Hash of a perfect subtree: level L, index I covers leaves [I*2^L, (I+1)*2^L). */
    @FunctionalInterface
    public interface Nodes {
        byte[] perfect(int level, long index);
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** MTH({}) = SHA-256(). */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /** SHA-256(0x00 || entry). */
    public static byte[] leafHash(byte[] entry) {
        MessageDigest d = sha256();
        d.update((byte) 0);
        return d.digest(entry);
    }

    /** SHA-256(0x01 || left || right). */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest d = sha256();
        d.update((byte) 1);
        d.update(left);
        return d.digest(right);
    }

    /** The largest power of two strictly smaller than n (n > 1). */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** MTH(D[from:to]) for a range the RFC's recursion produces (from aligned to the split). */
    public static byte[] subtree(Nodes nodes, long from, long to) {
        long n = to - from;
        if (n == 0) {
            return emptyRoot();
        }
        if (Long.bitCount(n) == 1 && from % n == 0) {
            int level = Long.numberOfTrailingZeros(n);
            return nodes.perfect(level, from >>> level);
        }
        long k = split(n);
        return nodeHash(subtree(nodes, from, from + k), subtree(nodes, from + k, to));
    }

    public static byte[] root(Nodes nodes, long size) {
        return subtree(nodes, 0, size);
    }

    /** RFC 9162 §2.1.3.1 PATH(index, D[0:size]), leaf-most hash first. */
    public static List<byte[]> inclusionProof(Nodes nodes, long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index must be below size");
        }
        List<byte[]> path = new ArrayList<>();
        path(nodes, index, 0, size, path);
        return path;
    }

    private static void path(Nodes nodes, long m, long from, long to, List<byte[]> out) {
        long n = to - from;
        if (n <= 1) {
            return;
        }
        long k = split(n);
        if (m < k) {
            path(nodes, m, from, from + k, out);
            out.add(subtree(nodes, from + k, to));
        } else {
            path(nodes, m - k, from + k, to, out);
            out.add(subtree(nodes, from, from + k));
        }
    }

    /** RFC 9162 §2.1.4.1 PROOF(m, D[0:size]). */
    public static List<byte[]> consistencyProof(Nodes nodes, long m, long size) {
        if (m < 1 || m > size) {
            throw new IllegalArgumentException("need 1 <= m <= size");
        }
        List<byte[]> proof = new ArrayList<>();
        subproof(nodes, m, 0, size, true, proof);
        return proof;
    }

    private static void subproof(
            Nodes nodes, long m, long from, long to, boolean complete, List<byte[]> out) {
        long n = to - from;
        if (m == n) {
            if (!complete) {
                out.add(subtree(nodes, from, to));
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(nodes, m, from, from + k, complete, out);
            out.add(subtree(nodes, from + k, to));
        } else {
            subproof(nodes, m - k, from + k, to, false, out);
            out.add(subtree(nodes, from, from + k));
        }
    }

    /** RFC 9162 §2.1.3.2: the root an audit path leads to, or null if the path has a bad length. */
    public static byte[] rootFromInclusion(long index, long size, byte[] leaf, List<byte[]> path) {
        if (index < 0 || index >= size) {
            return null;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leaf;
        for (byte[] p : path) {
            if (sn == 0) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    /** RFC 9162 §2.1.4.2. */
    public static boolean verifyConsistency(
            long first, long second, byte[] firstRoot, byte[] secondRoot, List<byte[]> proof) {
        if (first < 1 || first > second) {
            return false;
        }
        if (first == second) {
            return proof.isEmpty() && Arrays.equals(firstRoot, secondRoot);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstRoot);
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot) && sn == 0;
    }

    /**
     * The right edge of a growing tree (a compact range from 0): one perfect subtree per set bit of
     * the size. Appending a leaf reports each subtree it completes, which is what the store keeps.
     */
    public static final class Frontier {
        private final List<byte[]> stack = new ArrayList<>(); // largest subtree first
        private long size;

        /** Resumes at {@code size} from its perfect subtrees, largest first. */
        public Frontier(long size, List<byte[]> subtrees) {
            if (subtrees.size() != Long.bitCount(size)) {
                throw new IllegalArgumentException("one subtree per set bit of the size");
            }
            this.size = size;
            stack.addAll(subtrees);
        }

        public Frontier() {
            this(0, List.of());
        }

        /** (level, index) of the subtrees a frontier of {@code size} is made of, largest first. */
        public static List<long[]> coordinates(long size) {
            List<long[]> out = new ArrayList<>();
            long start = 0;
            for (int level = 62; level >= 0; level--) {
                long width = 1L << level;
                if ((size & width) != 0) {
                    out.add(new long[] {level, start >>> level});
                    start += width;
                }
            }
            return out;
        }

        public long size() {
            return size;
        }

        /**
         * Appends a leaf hash; {@code completed} receives (level, index, hash) of each new node.
         */
        public void append(byte[] leaf, NodeSink completed) {
            long index = size;
            byte[] h = leaf;
            completed.node(0, index, h);
            int level = 0;
            while (((index >>> level) & 1) == 1) {
                byte[] left = stack.remove(stack.size() - 1);
                h = nodeHash(left, h);
                level++;
                completed.node(level, index >>> level, h);
            }
            stack.add(h);
            size++;
        }

        public byte[] root() {
            if (stack.isEmpty()) {
                return emptyRoot();
            }
            byte[] r = stack.get(stack.size() - 1);
            for (int i = stack.size() - 2; i >= 0; i--) {
                r = nodeHash(stack.get(i), r);
            }
            return r;
        }
    }

    @FunctionalInterface
    public interface NodeSink {
        void node(int level, long index, byte[] hash);
    }
}
