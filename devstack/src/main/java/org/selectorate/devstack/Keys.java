package org.selectorate.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The services' key files, under {@code <home>/keys} (mode 0700, files 0600): made once, at the first start, and
 * kept with the data they protect. Each service seals its private keys at rest with its own file (KeyVault).
 */
final class Keys {
    private final Path dir;

    Keys(Stack stack) {
        this.dir = stack.dir("keys");
    }

    /** The vault key file of {@code service}, created with 32 random bytes if missing. */
    Path vault(String service) throws IOException {
        Path file = dir.resolve(service + ".key");
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            write(file, Base64.getEncoder().encodeToString(key) + "\n");
        }
        return file;
    }

    private void write(Path file, String content) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
        }
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(partial, content);
        restrict(partial, "rw-------");
        Files.move(partial, file);
    }

    private static void restrict(Path path, String mode) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }
}
