package org.pactum.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The production tree (built by {@link Merkle.Frontier}, proved by {@link Merkle}) against an
 * independent RFC 9162 implementation written here from the RFC's definitions (recursive MTH, PATH
 * and PROOF over lists of entries), for every tree size from 1 to 1,000, and against the RFC 6962
 * reference vectors.
 */
class MerkleProofTest {

    // ---- independent implementation (RFC 9162 §2.1), shares no code with production ----

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int k(int n) {
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return k;
    }

    static byte[] mth(List<byte[]> d) {
        if (d.isEmpty()) {
            return sha256();
        }
        if (d.size() == 1) {
            return sha256(new byte[] {0}, d.get(0));
        }
        int k = k(d.size());
        return sha256(new byte[] {1}, mth(d.subList(0, k)), mth(d.subList(k, d.size())));
    }

    static List<byte[]> path(int m, List<byte[]> d) {
        List<byte[]> out = new ArrayList<>();
        if (d.size() <= 1) {
            return out;
        }
        int k = k(d.size());
        if (m < k) {
            out.addAll(path(m, d.subList(0, k)));
            out.add(mth(d.subList(k, d.size())));
        } else {
            out.addAll(path(m - k, d.subList(k, d.size())));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    static List<byte[]> proof(int m, List<byte[]> d) {
        return subproof(m, d, true);
    }

    static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
        List<byte[]> out = new ArrayList<>();
        int n = d.size();
        if (m == n) {
            if (!b) {
                out.add(mth(d));
            }
            return out;
        }
        int k = k(n);
        if (m <= k) {
            out.addAll(subproof(m, d.subList(0, k), b));
            out.add(mth(d.subList(k, n)));
        } else {
            out.addAll(subproof(m - k, d.subList(k, n), false));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    // ---- the production tree, built leaf by leaf as the integrator builds it ----

    private static final class Built {
        final Map<String, byte[]> nodes = new HashMap<>();
        final Merkle.Frontier frontier = new Merkle.Frontier();
        final List<byte[]> roots = new ArrayList<>(); // roots.get(n) = root at size n

        Built(List<byte[]> entries) {
            roots.add(frontier.root());
            for (byte[] e : entries) {
                frontier.append(Merkle.leafHash(e), (l, i, h) -> nodes.put(l + "/" + i, h));
                roots.add(frontier.root());
            }
        }

        Merkle.Nodes store() {
            return (level, index) -> {
                byte[] h = nodes.get(level + "/" + index);
                if (h == null) {
                    throw new IllegalStateException("no node " + level + "/" + index);
                }
                return h;
            };
        }
    }

    private static List<byte[]> entries(int n, long seed) {
        Random r = new Random(seed);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] e = new byte[r.nextInt(40)];
            r.nextBytes(e);
            out.add(e);
        }
        return out;
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HexFormat.of()::formatHex).toList();
    }

    @Test
    void everyTreeFromOneToAThousandHasTheRootsAndProofsTheRfcDefines() {
        int max = 1000;
        List<byte[]> all = entries(max, 16);
        Built built = new Built(all);
        Random pick = new Random(9162);
        for (int n = 1; n <= max; n++) {
            List<byte[]> d = all.subList(0, n);
            byte[] root = mth(d);
            assertThat(built.roots.get(n)).as("frontier root at size %d", n).isEqualTo(root);
            assertThat(Merkle.root(built.store(), n))
                    .as("stored root at size %d", n)
                    .isEqualTo(root);

            List<Integer> indexes = new ArrayList<>(List.of(0, n - 1, n / 2));
            if (n <= 70) {
                for (int m = 0; m < n; m++) {
                    indexes.add(m);
                }
            } else {
                for (int i = 0; i < 4; i++) {
                    indexes.add(pick.nextInt(n));
                }
            }
            for (int m : indexes) {
                List<byte[]> expected = path(m, d);
                List<byte[]> actual = Merkle.inclusionProof(built.store(), m, n);
                assertThat(hex(actual)).as("PATH(%d, D[%d])", m, n).isEqualTo(hex(expected));
                byte[] leaf = sha256(new byte[] {0}, d.get(m));
                assertThat(Merkle.rootFromInclusion(m, n, leaf, expected)).isEqualTo(root);
                if (!expected.isEmpty()) {
                    List<byte[]> shorter = expected.subList(0, expected.size() - 1);
                    assertThat(Merkle.rootFromInclusion(m, n, leaf, shorter)).isNotEqualTo(root);
                }
                byte[] wrongLeaf =
                        sha256(new byte[] {0}, "not the entry".getBytes(StandardCharsets.UTF_8));
                assertThat(Merkle.rootFromInclusion(m, n, wrongLeaf, expected)).isNotEqualTo(root);
            }
            for (int m : indexes) {
                int first = m + 1; // 1..n
                List<byte[]> expected = proof(first, d);
                List<byte[]> actual = Merkle.consistencyProof(built.store(), first, n);
                assertThat(hex(actual)).as("PROOF(%d, D[%d])", first, n).isEqualTo(hex(expected));
                byte[] firstRoot = mth(all.subList(0, first));
                assertThat(Merkle.verifyConsistency(first, n, firstRoot, root, expected))
                        .as("consistency %d -> %d verifies", first, n)
                        .isTrue();
                if (first < n) {
                    byte[] forged = mth(entries(first, n * 31L + first));
                    assertThat(Merkle.verifyConsistency(first, n, forged, root, expected))
                            .as("a different older tree is not consistent")
                            .isFalse();
                    assertThat(Merkle.verifyConsistency(first, n, firstRoot, firstRoot, expected))
                            .isFalse();
                }
            }
        }
    }

    /** RFC 6962 reference vectors (certificate-transparency test data). */
    private static final byte[][] LEAVES = {
        HexFormat.of().parseHex(""),
        HexFormat.of().parseHex("00"),
        HexFormat.of().parseHex("10"),
        HexFormat.of().parseHex("2021"),
        HexFormat.of().parseHex("3031"),
        HexFormat.of().parseHex("40414243"),
        HexFormat.of().parseHex("5051525354555657"),
        HexFormat.of().parseHex("606162636465666768696a6b6c6d6e6f"),
    };

    private static final String[] ROOTS = {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    };

    @Test
    void matchesTheRfc6962ReferenceVectors() {
        Built built = new Built(List.of(LEAVES));
        for (int n = 1; n <= 8; n++) {
            assertThat(HexFormat.of().formatHex(built.roots.get(n)))
                    .as("root %d", n)
                    .isEqualTo(ROOTS[n - 1]);
        }
        assertThat(hex(Merkle.inclusionProof(built.store(), 0, 8)))
                .containsExactly(
                        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(hex(Merkle.consistencyProof(built.store(), 1, 8)))
                .containsExactly(
                        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(hex(Merkle.consistencyProof(built.store(), 6, 8)))
                .containsExactly(
                        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertThat(hex(Merkle.consistencyProof(built.store(), 2, 5)))
                .containsExactly(
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
    }

    @Test
    void rfcEdgeCases() {
        // The empty tree's hash is SHA-256 of nothing.
        assertThat(HexFormat.of().formatHex(Merkle.emptyRoot()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(new Merkle.Frontier().root()).isEqualTo(sha256());
        Built one = new Built(List.of(LEAVES[0]));
        // A tree of one leaf: its root is the leaf hash and its audit path is empty.
        assertThat(Merkle.inclusionProof(one.store(), 0, 1)).isEmpty();
        assertThat(Merkle.rootFromInclusion(0, 1, one.roots.get(1), List.of()))
                .isEqualTo(one.roots.get(1));
        // Index out of range, and a path for a tree of one with extra hashes, fail.
        assertThat(Merkle.rootFromInclusion(1, 1, one.roots.get(1), List.of())).isNull();
        assertThat(Merkle.rootFromInclusion(0, 1, one.roots.get(1), List.of(one.roots.get(1))))
                .isNull();
        assertThatThrownBy(() -> Merkle.inclusionProof(one.store(), 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        // Consistency of a tree with itself is the empty proof; an empty proof between different
        // sizes fails (RFC 9162 §2.1.4.2 step 1); from 0 is not defined.
        Built eight = new Built(List.of(LEAVES));
        assertThat(Merkle.consistencyProof(eight.store(), 8, 8)).isEmpty();
        assertThat(
                        Merkle.verifyConsistency(
                                8, 8, eight.roots.get(8), eight.roots.get(8), List.of()))
                .isTrue();
        assertThat(
                        Merkle.verifyConsistency(
                                4, 8, eight.roots.get(4), eight.roots.get(8), List.of()))
                .isFalse();
        assertThat(
                        Merkle.verifyConsistency(
                                8, 4, eight.roots.get(8), eight.roots.get(4), List.of()))
                .isFalse();
        assertThatThrownBy(() -> Merkle.consistencyProof(eight.store(), 0, 8))
                .isInstanceOf(IllegalArgumentException.class);
        // A power-of-two older tree: the proof omits its root (it is prepended when verifying).
        List<byte[]> p4 = Merkle.consistencyProof(eight.store(), 4, 8);
        assertThat(hex(p4)).doesNotContain(HexFormat.of().formatHex(eight.roots.get(4)));
        assertThat(Merkle.verifyConsistency(4, 8, eight.roots.get(4), eight.roots.get(8), p4))
                .isTrue();
        // A leaf hash and a node hash of the same bytes differ (second-preimage protection).
        byte[] l = one.roots.get(1);
        assertThat(Merkle.leafHash(new byte[64]))
                .isNotEqualTo(Merkle.nodeHash(new byte[32], new byte[32]));
        assertThat(l).isEqualTo(sha256(new byte[] {0}, LEAVES[0]));
    }
}
