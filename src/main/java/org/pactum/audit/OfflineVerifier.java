package org.pactum.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Offline verification from the packaged jar, without a database or a running Pactum:
 *
 * <pre>
 * java -jar quarkus-run.jar verify-audit export.ndjson [--checkpoint cp.txt]... [--key key.pem]
 * java -jar quarkus-run.jar verify-consistency --old old.txt --new new.txt --proof proof.json --key key.pem
 * </pre>
 *
 * Exit status 0: valid; 1: invalid (the first broken seq is printed); 2: the command is wrong.
 */
public final class OfflineVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 4_096;

    private OfflineVerifier() {}

    public static boolean handles(String[] args) {
        return args.length > 0
                && (args[0].equals("verify-audit") || args[0].equals("verify-consistency"));
    }

    public static int run(String[] args, PrintStream out) {
        try {
            Map<String, List<String>> options = new TreeMap<>();
            List<String> positional = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                if (args[i].startsWith("--") && i + 1 < args.length) {
                    options.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>())
                            .add(args[++i]);
                } else {
                    positional.add(args[i]);
                }
            }
            return args[0].equals("verify-audit")
                    ? verifyExport(positional, options, out)
                    : verifyConsistency(options, out);
        } catch (UsageException e) {
            out.println("usage: " + e.getMessage());
            out.println("  verify-audit <export.ndjson> [--checkpoint cp.txt]... [--key key.pem]");
            out.println(
                    "  verify-consistency --old old.txt --new new.txt --proof proof.json --key key.pem");
            return 2;
        } catch (IOException e) {
            out.println("cannot read: " + e.getMessage());
            return 2;
        }
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private static int verifyExport(
            List<String> positional, Map<String, List<String>> options, PrintStream out)
            throws IOException {
        if (positional.size() != 1) {
            throw new UsageException("name one export file");
        }
        List<String> checkpointFiles = options.getOrDefault("checkpoint", List.of());
        if (!checkpointFiles.isEmpty() && !options.containsKey("key")) {
            throw new UsageException("--checkpoint needs --key (the log's public key, PEM)");
        }
        List<LogVerifier.Expected> expected = new ArrayList<>();
        for (String file : checkpointFiles) {
            SignedNote.Checkpoint cp = signedCheckpoint(file, key(options), out);
            if (cp == null) {
                return 1;
            }
            expected.add(new LogVerifier.Expected(cp.size(), cp.root()));
        }
        expected.sort((a, b) -> Long.compare(a.size(), b.size()));
        LogVerifier verifier = LogVerifier.fromStart(expected);
        feedAll(Path.of(positional.get(0)), verifier);
        verifier.end();
        if (!verifier.valid()) {
            out.println(
                    "INVALID: first broken seq "
                            + verifier.broken()
                            + ": "
                            + verifier.problem()
                            + " ("
                            + verifier.checked()
                            + " entries checked before it)");
            return 1;
        }
        out.println(
                "VALID: "
                        + verifier.checked()
                        + " entries checked; tree size "
                        + verifier.size()
                        + ", root "
                        + Base64.getEncoder().encodeToString(verifier.root())
                        + (expected.isEmpty()
                                ? " (no checkpoint given: the entries agree with each other only)"
                                : "; matches " + expected.size() + " signed checkpoint(s)"));
        return 0;
    }

    /** Reads the export, parsing and hashing batches of lines on all cores, in order. */
    private static void feedAll(Path export, LogVerifier verifier) throws IOException {
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        Math.max(1, Runtime.getRuntime().availableProcessors()),
                        r -> {
                            Thread t = new Thread(r, "verify-audit");
                            t.setDaemon(true);
                            return t;
                        });
        try (InputStream in = Files.newInputStream(export)) {
            ExportLines.Reader reader = new ExportLines.Reader(in);
            List<Future<List<ExportLines.Line>>> pending = new ArrayList<>();
            long lineNo = 0;
            boolean more = true;
            while (more && verifier.valid()) {
                List<byte[]> batch = reader.next(BATCH);
                more = batch.size() == BATCH;
                long first = lineNo;
                lineNo += batch.size();
                if (!batch.isEmpty()) {
                    pending.add(pool.submit(() -> ExportLines.parse(batch, first)));
                }
                while (pending.size() > 4 || (!more && !pending.isEmpty())) {
                    for (ExportLines.Line l : take(pending.remove(0))) {
                        feed(verifier, l);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<ExportLines.Line> take(Future<List<ExportLines.Line>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void feed(LogVerifier verifier, ExportLines.Line l) {
        if (l.error() != null) {
            verifier.fail(verifier.nextSeq(), "line " + l.lineNo() + " " + l.error());
            return;
        }
        verifier.acceptHashed(
                l.seq(), l.contentMatches(), l.leaf(), l.hash(), l.prevHash(), null, l.redacted());
    }

    private static byte[] key(Map<String, List<String>> options) throws IOException {
        List<String> keys = options.get("key");
        if (keys == null || keys.size() != 1) {
            throw new UsageException("give the log's public key once with --key key.pem");
        }
        try {
            return SignedNote.rawEd25519(Files.readString(Path.of(keys.get(0))));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--key must be an Ed25519 public key in PEM");
        }
    }

    /** The checkpoint in {@code file} if the key signed it; prints why not and returns null. */
    private static SignedNote.Checkpoint signedCheckpoint(String file, byte[] key, PrintStream out)
            throws IOException {
        String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        try {
            SignedNote.Note note = SignedNote.parse(text);
            SignedNote.Checkpoint cp = SignedNote.parseCheckpoint(note.text());
            if (!SignedNote.signedBy(note, cp.origin(), key)) {
                out.println("INVALID: checkpoint " + file + " is not signed by the given key");
                return null;
            }
            return cp;
        } catch (IllegalArgumentException e) {
            out.println(
                    "INVALID: checkpoint "
                            + file
                            + " is not a signed checkpoint note: "
                            + e.getMessage());
            return null;
        }
    }

    private static int verifyConsistency(Map<String, List<String>> options, PrintStream out)
            throws IOException {
        for (String required : List.of("old", "new", "proof")) {
            if (!options.containsKey(required)) {
                throw new UsageException("--" + required + " is required");
            }
        }
        byte[] key = key(options);
        SignedNote.Checkpoint older = signedCheckpoint(options.get("old").get(0), key, out);
        SignedNote.Checkpoint newer = signedCheckpoint(options.get("new").get(0), key, out);
        if (older == null || newer == null) {
            return 1;
        }
        JsonNode proof = JSON.readTree(Files.readString(Path.of(options.get("proof").get(0))));
        List<byte[]> hashes = new ArrayList<>();
        proof.path("hashes").forEach(h -> hashes.add(Base64.getDecoder().decode(h.asText())));
        boolean sameSizes =
                proof.path("from").asLong(-1) == older.size()
                        && proof.path("to").asLong(-1) == newer.size();
        if (sameSizes
                && older.origin().equals(newer.origin())
                && Merkle.verifyConsistency(
                        older.size(), newer.size(), older.root(), newer.root(), hashes)) {
            out.println(
                    "CONSISTENT: the tree of size "
                            + newer.size()
                            + " extends the tree of size "
                            + older.size());
            return 0;
        }
        out.println(
                "INCONSISTENT: the checkpoint of size "
                        + newer.size()
                        + " does not extend the one of size "
                        + older.size()
                        + " with this proof");
        return 1;
    }
}
