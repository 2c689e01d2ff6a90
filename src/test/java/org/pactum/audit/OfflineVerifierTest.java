package org.pactum.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify-audit} and {@code verify-consistency} as a user runs them, on synthetic logs. */
class OfflineVerifierTest {

    @TempDir Path dir;

    SyntheticLog log;
    Path export;
    Path key;
    Path checkpoint;
    static final int N = 10_000;

    @BeforeEach
    void writeLog() throws Exception {
        log = new SyntheticLog();
        export = dir.resolve("export.ndjson");
        byte[] root = log.export(export, N);
        List<byte[]> entries = new ArrayList<>();
        for (String line : Files.readAllLines(export)) {
            entries.add(
                    line.replaceFirst(",\"hash\":\"[0-9a-f]{64}\"", "")
                            .getBytes(StandardCharsets.UTF_8));
        }
        // The independent RFC 9162 implementation agrees with the root the export makes.
        assertThat(MerkleProofTest.mth(entries)).isEqualTo(root);
        key = log.publicKey(dir.resolve("key.pem"));
        checkpoint = log.checkpoint(dir.resolve("cp.txt"), "pactum.test/audit", N, root);
    }

    private record Run(int status, String out) {}

    private static Run run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status =
                OfflineVerifier.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(status, bytes.toString(StandardCharsets.UTF_8));
    }

    private void rewrite(int seq, String from, String to) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(export));
        lines.set(seq - 1, lines.get(seq - 1).replace(from, to));
        Files.write(export, lines);
    }

    @Test
    void aFaithfulExportMatchesItsSignedCheckpoint() {
        Run r =
                run(
                        "verify-audit",
                        export.toString(),
                        "--checkpoint",
                        checkpoint.toString(),
                        "--key",
                        key.toString());
        assertThat(r.status()).as(r.out()).isZero();
        assertThat(r.out()).contains("VALID: " + N + " entries checked");
    }

    @Test
    void anEditedEntryIsReportedAtItsSeq() throws Exception {
        rewrite(4_321, "\"outcome\":\"ALLOWED\"", "\"outcome\":\"DENIED\"");
        Run r =
                run(
                        "verify-audit",
                        export.toString(),
                        "--checkpoint",
                        checkpoint.toString(),
                        "--key",
                        key.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("first broken seq 4321:");
    }

    @Test
    void anEditedEntryWithARecomputedHashStillBreaksTheSignedRoot() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(export));
        String edited = lines.get(99).replace("\"outcome\":\"ALLOWED\"", "\"outcome\":\"DENIED\"");
        String canonical = edited.replaceFirst(",\"hash\":\"[0-9a-f]{64}\"", "");
        String hash =
                java.util.HexFormat.of()
                        .formatHex(
                                java.security.MessageDigest.getInstance("SHA-256")
                                        .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        lines.set(
                99, edited.replaceFirst("\"hash\":\"[0-9a-f]{64}\"", "\"hash\":\"" + hash + "\""));
        Files.write(export, lines);
        assertThat(run("verify-audit", export.toString()).status())
                .as("entries agree with themselves")
                .isZero();
        Run r =
                run(
                        "verify-audit",
                        export.toString(),
                        "--checkpoint",
                        checkpoint.toString(),
                        "--key",
                        key.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("does not have the root its signed checkpoint states");
    }

    @Test
    void aTruncatedTailIsReportedAtTheFirstMissingSeq() throws Exception {
        List<String> lines = Files.readAllLines(export);
        Files.write(export, lines.subList(0, N - 25));
        Run r =
                run(
                        "verify-audit",
                        export.toString(),
                        "--checkpoint",
                        checkpoint.toString(),
                        "--key",
                        key.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("first broken seq " + (N - 24) + ":");
    }

    @Test
    void aMissingEntryAndAnotherKeyAreReported() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(export));
        lines.remove(499);
        Files.write(export, lines);
        Run r = run("verify-audit", export.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("first broken seq 500:");
        Path other = new SyntheticLog().publicKey(dir.resolve("other.pem"));
        Run wrongKey =
                run(
                        "verify-audit",
                        export.toString(),
                        "--checkpoint",
                        checkpoint.toString(),
                        "--key",
                        other.toString());
        assertThat(wrongKey.status()).isEqualTo(1);
        assertThat(wrongKey.out()).contains("not signed by the given key");
    }

    @Test
    void aWrongCommandLineIsAUsageError() {
        assertThat(run("verify-audit").status()).isEqualTo(2);
        assertThat(
                        run(
                                        "verify-audit",
                                        export.toString(),
                                        "--checkpoint",
                                        checkpoint.toString())
                                .status())
                .isEqualTo(2);
        assertThat(run("verify-consistency", "--old", checkpoint.toString()).status()).isEqualTo(2);
    }

    @Test
    void consistencyBetweenTwoCheckpointsIsCheckedWithTheServedProof() throws Exception {
        int m = 3_000;
        List<byte[]> entries = new ArrayList<>();
        for (String line : Files.readAllLines(export)) {
            entries.add(
                    line.replaceFirst(",\"hash\":\"[0-9a-f]{64}\"", "")
                            .getBytes(StandardCharsets.UTF_8));
        }
        Path old =
                log.checkpoint(
                        dir.resolve("old.txt"),
                        "pactum.test/audit",
                        m,
                        MerkleProofTest.mth(entries.subList(0, m)));
        StringBuilder proof =
                new StringBuilder("{\"from\":" + m + ",\"to\":" + N + ",\"hashes\":[");
        List<byte[]> hashes = MerkleProofTest.proof(m, entries);
        for (int i = 0; i < hashes.size(); i++) {
            proof.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(java.util.Base64.getEncoder().encodeToString(hashes.get(i)))
                    .append('"');
        }
        Path proofFile =
                Files.writeString(dir.resolve("proof.json"), proof.append("]}").toString());
        Run ok =
                run(
                        "verify-consistency",
                        "--old",
                        old.toString(),
                        "--new",
                        checkpoint.toString(),
                        "--proof",
                        proofFile.toString(),
                        "--key",
                        key.toString());
        assertThat(ok.status()).as(ok.out()).isZero();
        Path forked =
                log.checkpoint(
                        dir.resolve("forked.txt"),
                        "pactum.test/audit",
                        m,
                        MerkleProofTest.mth(entries.subList(1, m + 1)));
        Run bad =
                run(
                        "verify-consistency",
                        "--old",
                        forked.toString(),
                        "--new",
                        checkpoint.toString(),
                        "--proof",
                        proofFile.toString(),
                        "--key",
                        key.toString());
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.out()).contains("INCONSISTENT");
    }
}
