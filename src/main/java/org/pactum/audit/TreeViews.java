package org.pactum.audit;

import java.util.Base64;
import java.util.List;

/** Response bodies of the verifiable log (formats fixed by issue 16). */
public final class TreeViews {

    private TreeViews() {}

    public record InclusionProof(long leafIndex, long treeSize, List<String> hashes) {}

    public record ConsistencyProof(long from, long to, List<String> hashes) {}

    public record WitnessView(
            String organisation, String keyName, String publicKey, Long lastCosignedSize) {}

    public record Cosigned(
            String organisation,
            String keyName,
            long treeSize,
            long timestamp,
            String checkpoint) {}

    static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(h -> Base64.getEncoder().encodeToString(h)).toList();
    }
}
