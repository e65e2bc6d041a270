package org.selectorate.ballot.ballot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selectorate.integrity.seal.CodeSeal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mail sender's key file is read once, at startup; without a good one the service does not start. */
class CodeSealerTest {
    @TempDir
    Path dir;

    @Test
    void aMissingKeyFileIsRefusedNamingTheSetting() {
        Path missing = dir.resolve("nowhere.pub");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new CodeSealer(missing));
        assertTrue(e.getMessage().contains("selectorate.mail.code-public-key-file"), e.getMessage());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void aFileThatHoldsNoPublicKeyIsRefused() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pub"), "not a key\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new CodeSealer(garbage));
        assertTrue(e.getMessage().contains("is not an RSA public key"), e.getMessage());
    }

    @Test
    void aCodeSealsToTheKeyInTheFile() throws Exception {
        KeyPair pair = CodeSeal.generate(new SecureRandom());
        Path file = Files.writeString(dir.resolve("mail.pub"),
                Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n");
        CodeSeal.Sealer batch = new CodeSealer(file).batch();
        String sealed = batch.seal("7K3M-Q9XB-2HRT-V0PD", "b-1", "ada@example.org");
        CodeSeal.Opener opener = new CodeSeal.Opener((RSAPrivateCrtKey) pair.getPrivate(), 4);
        assertEquals("7K3M-Q9XB-2HRT-V0PD", opener.open(sealed, "b-1", "ada@example.org"));
        assertNotEquals(sealed, batch.seal("7K3M-Q9XB-2HRT-V0PD", "b-1", "ada@example.org"));
    }
}
