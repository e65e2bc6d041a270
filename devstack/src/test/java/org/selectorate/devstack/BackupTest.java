package org.selectorate.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input to backup and restore is refused before anything is written or stopped. */
class BackupTest {
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @Test
    void aRestoreFromAFolderThatIsNoBackupWritesNothing(@TempDir Path dir) {
        Stack stack = Stack.at(dir, dir.resolve("new-home"), Ports.defaultsWith(Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backup.restore(stack, dir.resolve("none"), dir.resolve("keys"), QUIET));
        assertTrue(e.getMessage().startsWith("no backup at"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("new-home")));
    }

    @Test
    void aRestoreNeedsEveryKeyFileAndAnEmptyHome(@TempDir Path dir) throws Exception {
        Path backup = Files.createDirectories(dir.resolve("backup"));
        Files.writeString(backup.resolve(Backup.MANIFEST), "format=" + Backup.FORMAT + "\n");
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Stack stack = Stack.at(dir, dir.resolve("home"), Ports.defaultsWith(Map.of()));
        assertEquals("key file membership.key is missing from " + keys, assertThrows(IllegalArgumentException.class,
                () -> Backup.restore(stack, backup, keys, QUIET)).getMessage());

        for (String file : Backup.KEY_FILES) {
            Files.writeString(keys.resolve(file), "k");
        }
        Files.createDirectories(dir.resolve("home/postgres"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Backup.restore(stack, backup, keys, QUIET))
                .getMessage().endsWith("is not empty: a backup is restored onto a new platform (a new --home)"));
        assertFalse(Files.exists(dir.resolve("home/keys")));
    }

    @Test
    void aBackupOfAnotherFormatIsRefused(@TempDir Path dir) throws Exception {
        Path backup = Files.createDirectories(dir.resolve("backup"));
        Files.writeString(backup.resolve(Backup.MANIFEST), "format=selectorate-backup-2\n");
        Stack stack = Stack.at(dir, dir.resolve("home"), Ports.defaultsWith(Map.of()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Backup.restore(stack, backup, dir, QUIET))
                .getMessage().startsWith("not a backup this build can read"));
    }

    @Test
    void theKeysAreNeverWrittenIntoTheBackupFolder(@TempDir Path dir) {
        Backup backup = new Backup(new Devstack(Stack.at(dir, dir.resolve("home"), Ports.defaultsWith(Map.of())),
                QUIET), QUIET);
        assertEquals("the keys must not be kept with the data: give --keys-to outside --to",
                assertThrows(IllegalArgumentException.class,
                        () -> backup.backup(dir.resolve("b"), dir.resolve("b/keys"))).getMessage());
        assertFalse(Files.exists(dir.resolve("b")));
    }
}
