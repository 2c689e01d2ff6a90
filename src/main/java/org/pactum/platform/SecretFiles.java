package org.pactum.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Files that hold secrets: created owner-only (0600) from the first byte, never widened. */
public final class SecretFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFiles() {}

    /** Writes {@code content} to a new owner-only file, replacing any earlier one atomically. */
    public static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(
                    tmp,
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, content, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write secret file " + file, e);
        }
    }

    /**
     * Creates a file of {@code bytes} random bytes (base64) unless it already exists; true if it
     * created one.
     */
    public static boolean ensureRandom(Path file, int bytes) {
        if (Files.exists(file)) {
            return false;
        }
        byte[] secret = new byte[bytes];
        RANDOM.nextBytes(secret);
        write(file, Base64.getEncoder().encode(secret));
        return true;
    }
}
