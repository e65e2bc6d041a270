package org.selectorate.integrity.seal;

import org.junit.jupiter.api.Test;
import org.selectorate.integrity.encoding.Base64Url;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodeSealTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final KeyPair READER = CodeSeal.generate(RANDOM);
    private static final String CODE = "7K3M-Q9XB-2HRT-V0PD";
    private static final String BALLOT = "0b5c4f3e-8d2a-4c55-9a47-3f1e2d6c7b80";
    private static final String ADA = "ada@example.org";

    private static RSAPublicKey pub(KeyPair k) {
        return CodeSeal.publicKey(Base64Url.encode(k.getPublic().getEncoded()));
    }

    private static RSAPrivateCrtKey priv(KeyPair k) {
        return CodeSeal.privateKey(Base64Url.encode(k.getPrivate().getEncoded()));
    }

    private static OAEPParameterSpec oaep(String label) {
        return new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                new PSource.PSpecified(label.getBytes(StandardCharsets.US_ASCII)));
    }

    private static CodeSeal.Opener opener(KeyPair k) {
        return new CodeSeal.Opener(priv(k), 4);
    }

    @Test
    void aSealedCodeOpensWithTheReadersKeyOnly() {
        String sealed = CodeSeal.sealer(pub(READER), RANDOM).seal(CODE, BALLOT, ADA);
        assertEquals(CODE, opener(READER).open(sealed, BALLOT, ADA));
        KeyPair other = CodeSeal.generate(RANDOM);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> opener(other).open(sealed, BALLOT, ADA));
        assertTrue(e.getMessage().contains("does not unwrap"), e.getMessage());
    }

    @Test
    void aBatchWrapsOneDataKeyAndEverySealIsFresh() {
        CodeSeal.Sealer batch = CodeSeal.sealer(pub(READER), RANDOM);
        String a = batch.seal(CODE, BALLOT, ADA);
        String b = batch.seal(CODE, BALLOT, ADA);
        assertNotEquals(a, b);
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.");
        assertEquals("c2", pa[0]);
        assertEquals(pa[1], pb[1], "one wrapped data key for the batch");
        assertEquals(384, Base64Url.decode(pa[1]).length);
        // nonce 12 + the code's 19 bytes + tag 16: no padding, nothing else
        assertEquals(12 + CODE.length() + 16, Base64Url.decode(pa[2]).length);
        assertNotEquals(pa[1], CodeSeal.sealer(pub(READER), RANDOM).seal(CODE, BALLOT, ADA).split("\\.")[1],
                "another batch, another data key");

        CodeSeal.Opener opener = opener(READER);
        assertEquals(CODE, opener.open(a, BALLOT, ADA));
        assertEquals(CODE, opener.open(b, BALLOT, ADA));
    }

    @Test
    void aCiphertextMovedToAnotherBallotOrRecipientDoesNotOpen() {
        String sealed = CodeSeal.sealer(pub(READER), RANDOM).seal(CODE, BALLOT, ADA);
        CodeSeal.Opener opener = opener(READER);
        assertThrows(IllegalArgumentException.class,
                () -> opener.open(sealed, "1c6d5a4f-9e3b-4d66-8b58-4a2f3e7d8c91", ADA));
        assertThrows(IllegalArgumentException.class, () -> opener.open(sealed, BALLOT, "mary@example.org"));
        // The parts are length-prefixed, so moving characters from one to the other changes the binding.
        String joined = CodeSeal.sealer(pub(READER), RANDOM).seal(CODE, "b1", "a@x");
        assertThrows(IllegalArgumentException.class, () -> opener.open(joined, "b1a", "@x"));
        assertEquals(CODE, opener.open(joined, "b1", "a@x"));
    }

    @Test
    void aKeyWrappedForAnotherPurposeDoesNotUnwrap() throws Exception {
        // The data key wrapped as the earlier scheme sealed a code (label "selectorate access code"): refused.
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.ENCRYPT_MODE, READER.getPublic(), oaep("selectorate access code"));
        byte[] dataKey = new byte[32];
        RANDOM.nextBytes(dataKey);
        String wrongPurpose = Base64Url.encode(rsa.doFinal(dataKey));
        String sealed = CodeSeal.sealWith(new SecretKeySpec(dataKey, "AES"), wrongPurpose, new byte[12], CODE,
                BALLOT, ADA);
        assertThrows(IllegalArgumentException.class, () -> opener(READER).open(sealed, BALLOT, ADA));

        // And the wrapped key is plain RSA-OAEP-SHA-256 with the documented label, readable by any implementation.
        String good = CodeSeal.sealer(pub(READER), RANDOM).seal(CODE, BALLOT, ADA);
        rsa.init(Cipher.DECRYPT_MODE, READER.getPrivate(), oaep("selectorate access code key/v2"));
        assertEquals(32, rsa.doFinal(Base64Url.decode(good.split("\\.")[1])).length);
    }

    @Test
    void anAlteredCiphertextOrWrappedKeyIsRefused() {
        String sealed = CodeSeal.sealer(pub(READER), RANDOM).seal(CODE, BALLOT, ADA);
        String[] parts = sealed.split("\\.");
        CodeSeal.Opener opener = opener(READER);
        for (int i : IntStream.of(0, 11, 12, 20, 46).toArray()) {
            byte[] body = Base64Url.decode(parts[2]);
            body[i] ^= 1;
            String altered = parts[0] + "." + parts[1] + "." + Base64Url.encode(body);
            assertThrows(IllegalArgumentException.class, () -> opener.open(altered, BALLOT, ADA), "byte " + i);
        }
        byte[] wrapped = Base64Url.decode(parts[1]);
        wrapped[100] ^= 1;
        String alteredKey = parts[0] + "." + Base64Url.encode(wrapped) + "." + parts[2];
        assertThrows(IllegalArgumentException.class, () -> opener(READER).open(alteredKey, BALLOT, ADA));
        String cut = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 30);
        assertThrows(IllegalArgumentException.class, () -> opener.open(cut, BALLOT, ADA));
        assertThrows(IllegalArgumentException.class, () -> opener.open("c2.not*base64.x", BALLOT, ADA));
        assertThrows(IllegalArgumentException.class, () -> opener.open("c2.nodot", BALLOT, ADA));
        // The good one still opens: a refused one left nothing behind in the cache.
        assertEquals(CODE, opener.open(sealed, BALLOT, ADA));
    }

    @Test
    void aCodeSealedByTheEarlierSchemeIsRefusedNamingWhy() throws Exception {
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.ENCRYPT_MODE, READER.getPublic(), oaep("selectorate access code"));
        String old = Base64Url.encode(rsa.doFinal(CODE.getBytes(StandardCharsets.UTF_8)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> opener(READER).open(old, BALLOT, ADA));
        assertTrue(e.getMessage().contains("before envelope sealing"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> opener(READER).open(null, BALLOT, ADA));
    }

    /** AES-256-GCM with the documented additional data, checked against Python's cryptography (AESGCM). */
    @Test
    void theEnvelopeMatchesAnIndependentImplementation() {
        byte[] key = new byte[32];
        byte[] nonce = new byte[12];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) i;
        }
        for (int i = 0; i < 12; i++) {
            nonce[i] = (byte) (0xa0 + i);
        }
        String sealed = CodeSeal.sealWith(new SecretKeySpec(key, "AES"), "WRAPPED", nonce, CODE, BALLOT, ADA);
        assertEquals("c2.WRAPPED.oKGio6Slpqeoqaqr0VNPYGiaO-cgSLWbVS7tiED8HeWMbngw3medWRLSk1DYH6s", sealed);
        byte[] body = Base64Url.decode(sealed.substring("c2.WRAPPED.".length()));
        assertArrayEquals(nonce, java.util.Arrays.copyOf(body, 12));
    }

    @Test
    void anOpenerKeepsAFewDataKeysAndUnwrapsAgainPastThem() {
        CodeSeal.Opener opener = new CodeSeal.Opener(priv(READER), 1);
        String a = CodeSeal.sealer(pub(READER), RANDOM).seal(CODE, BALLOT, ADA);
        String b = CodeSeal.sealer(pub(READER), RANDOM).seal("AAAA-BBBB-CCCC-DDDD", BALLOT, ADA);
        for (int i = 0; i < 3; i++) {
            assertEquals(CODE, opener.open(a, BALLOT, ADA));
            assertEquals("AAAA-BBBB-CCCC-DDDD", opener.open(b, BALLOT, ADA));
        }
    }

    @Test
    void misuseIsRefused() {
        CodeSeal.Sealer batch = CodeSeal.sealer(pub(READER), RANDOM);
        assertThrows(NullPointerException.class, () -> batch.seal(CODE, null, ADA));
        assertThrows(NullPointerException.class, () -> batch.seal(CODE, BALLOT, null));
        assertThrows(NullPointerException.class, () -> batch.seal(null, BALLOT, ADA));
        assertThrows(IllegalArgumentException.class, () -> new CodeSeal.Opener(priv(READER), 0));
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
