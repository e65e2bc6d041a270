package org.selectorate.integrity.seal;

import org.junit.jupiter.api.Test;
import org.selectorate.integrity.encoding.Base64Url;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CodeSealTest {
    private static final KeyPair READER = CodeSeal.generate(new SecureRandom());
    private static final String CODE = "7K3M-Q9XB-2HRT-V0PD";

    private static RSAPublicKey pub(KeyPair k) {
        return CodeSeal.publicKey(Base64Url.encode(k.getPublic().getEncoded()));
    }

    private static RSAPrivateCrtKey priv(KeyPair k) {
        return CodeSeal.privateKey(Base64Url.encode(k.getPrivate().getEncoded()));
    }

    @Test
    void aSealedCodeOpensWithTheReadersKeyOnly() {
        String sealed = CodeSeal.seal(pub(READER), CODE);
        assertEquals(CODE, CodeSeal.open(priv(READER), sealed));
        KeyPair other = CodeSeal.generate(new SecureRandom());
        assertThrows(IllegalArgumentException.class, () -> CodeSeal.open(priv(other), sealed));
    }

    @Test
    void sealingTwiceGivesUnrelatedCiphertexts() {
        String a = CodeSeal.seal(pub(READER), CODE);
        String b = CodeSeal.seal(pub(READER), CODE);
        assertNotEquals(a, b);
        assertEquals(384, Base64Url.decode(a).length);
    }

    @Test
    void anAlteredCiphertextIsRefused() {
        byte[] sealed = Base64Url.decode(CodeSeal.seal(pub(READER), CODE));
        sealed[100] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> CodeSeal.open(priv(READER), Base64Url.encode(sealed)));
        assertThrows(IllegalArgumentException.class, () -> CodeSeal.open(priv(READER), "not*base64"));
    }

    @Test
    void aShortKeyOrAWrongEncodingIsRefused() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair small = g.generateKeyPair();
        assertThrows(IllegalArgumentException.class, () -> pub(small));
        assertThrows(IllegalArgumentException.class, () -> CodeSeal.publicKey(Base64Url.encode(new byte[40])));
        // Standard base64, as a key file written with `base64` holds it, reads too.
        assertEquals(READER.getPublic(), CodeSeal.publicKey(
                java.util.Base64.getEncoder().encodeToString(READER.getPublic().getEncoded())));
    }
}
