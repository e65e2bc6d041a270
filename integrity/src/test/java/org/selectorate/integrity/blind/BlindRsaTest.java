package org.selectorate.integrity.blind;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.integrity.encoding.Hex;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.json.Json;

/** RFC 9474 Appendix A vectors, then the platform's credential flow on real keys. */
class BlindRsaTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static Map<String, Object> key;
    private static List<Object> vectors;
    private static BlindSigningKey generated;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        try (InputStream in = BlindRsaTest.class.getResourceAsStream("/rfc9474/vectors.json")) {
            Map<String, Object> file = (Map<String, Object>) Json.parse(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
            key = (Map<String, Object>) file.get("key");
            vectors = (List<Object>) file.get("vectors");
        }
        generated = BlindSigningKey.generate(2048, BlindRsaVariant.SHA384_PSS_RANDOMIZED, RANDOM);
    }

    private static BigInteger num(Map<String, Object> m, String field) {
        return new BigInteger((String) m.get(field), 16);
    }

    private static byte[] bytes(Map<String, Object> m, String field) {
        return Hex.decode((String) m.get(field));
    }

    @Test
    @SuppressWarnings("unchecked")
    void appendixAVectors() {
        assertEquals(2, vectors.size());
        for (Object o : vectors) {
            Map<String, Object> v = (Map<String, Object>) o;
            BlindRsaVariant variant = BlindRsaVariant.fromId((String) v.get("name"));
            BlindSigningKey sk = BlindSigningKey.fromFactors(num(key, "p"), num(key, "q"), num(key, "e"), variant);
            var pk = sk.publicKey().rsaKey();
            assertEquals(num(key, "n"), pk.getModulus());

            byte[] input = BlindVerificationKey.concat(bytes(v, "msg_prefix"), bytes(v, "msg"));
            assertEquals(variant.randomized(), bytes(v, "msg_prefix").length == 32, variant.id());
            if (v.containsKey("encoded_msg")) {
                assertArrayEquals(bytes(v, "encoded_msg"),
                        BlindRsa.emsaPssEncode(input, pk.getModulus().bitLength() - 1, bytes(v, "salt")));
            }
            BigInteger r = num(v, "inv").modInverse(pk.getModulus());
            BlindRsa.Blinded blinded = BlindRsa.blind(pk, input, bytes(v, "salt"), r);
            assertArrayEquals(bytes(v, "blinded_msg"), blinded.blindedMsg(), variant.id() + " blinded_msg");
            assertEquals(num(v, "inv"), blinded.inv());

            byte[] blindSig = sk.blindSign(blinded.blindedMsg());
            assertArrayEquals(bytes(v, "blind_sig"), blindSig, variant.id() + " blind_sig");

            byte[] sig = BlindRsa.finalize(pk, input, blindSig, blinded.inv());
            assertArrayEquals(bytes(v, "sig"), sig, variant.id() + " sig");
            assertTrue(BlindRsa.verify(pk, input, sig));
            sig[10] ^= 1;
            assertFalse(BlindRsa.verify(pk, input, sig));
        }
    }

    /** One inversion stands for two checks: a blinding factor sharing a prime with n must still be refused. */
    @Test
    @SuppressWarnings("unchecked")
    void aBlindingFactorThatSharesAPrimeWithTheModulusIsRefused() {
        Map<String, Object> v = (Map<String, Object>) vectors.get(0);
        BlindSigningKey sk = BlindSigningKey.fromFactors(num(key, "p"), num(key, "q"), num(key, "e"),
                BlindRsaVariant.fromId((String) v.get("name")));
        var pk = sk.publicKey().rsaKey();
        byte[] input = BlindVerificationKey.concat(bytes(v, "msg_prefix"), bytes(v, "msg"));
        for (BigInteger r : List.of(num(key, "p"), num(key, "q").multiply(BigInteger.valueOf(3)), BigInteger.ZERO)) {
            assertThrows(ArithmeticException.class, () -> BlindRsa.blind(pk, input, bytes(v, "salt"), r));
        }
    }

    @ParameterizedTest
    @EnumSource(BlindRsaVariant.class)
    void credentialRoundTrip(BlindRsaVariant variant) {
        BlindSigningKey sk = BlindSigningKey.fromPkcs8(generated.pkcs8(), variant);
        Token token = Token.random(RANDOM);
        CredentialMessage message = CredentialMessage.of("ballot-1", token);
        BlindingSession session = sk.publicKey().blind(message, RANDOM);
        Credential credential = session.finish(sk.blindSign(session.blindedMessage()));

        assertEquals(variant.randomized(), credential.prefix() != null);
        assertTrue(sk.publicKey().verify(message, credential));
        assertFalse(sk.publicKey().verify(CredentialMessage.of("ballot-2", token), credential),
                "a credential for one ballot is worthless in another");
        assertFalse(sk.publicKey().verify(CredentialMessage.of("ballot-1", Token.random(RANDOM)), credential));
    }

    @Test
    void publishedKeyRoundTripsAndVerifies() {
        BlindVerificationKey pk = generated.publicKey();
        BlindVerificationKey read = BlindVerificationKey.fromEncoded(pk.variant(), pk.encoded());
        assertEquals(pk.fingerprint(), read.fingerprint());
        assertEquals(2048, read.modulusBits());
        CredentialMessage message = CredentialMessage.of("ballot-1", Token.random(RANDOM));
        BlindingSession session = read.blind(message, RANDOM);
        assertTrue(read.verify(message, session.finish(generated.blindSign(session.blindedMessage()))));
    }

    @Test
    void aWrongAnswerFromTheSignerIsCaughtAtFinalize() {
        BlindingSession session = generated.publicKey().blind(
                CredentialMessage.of("ballot-1", Token.random(RANDOM)), RANDOM);
        byte[] answer = generated.blindSign(session.blindedMessage());
        answer[answer.length - 1] ^= 1;
        assertThrows(IllegalStateException.class, () -> session.finish(answer));
    }

    @Test
    void variantMismatchAndForgeryFail() {
        Token token = Token.random(RANDOM);
        CredentialMessage message = CredentialMessage.of("ballot-1", token);
        BlindingSession session = generated.publicKey().blind(message, RANDOM);
        Credential good = session.finish(generated.blindSign(session.blindedMessage()));
        assertFalse(generated.publicKey().verify(message, new Credential(null, good.signature())));
        BlindVerificationKey deterministic = BlindVerificationKey.fromEncoded(
                BlindRsaVariant.SHA384_PSS_DETERMINISTIC, generated.publicKey().encoded());
        assertFalse(deterministic.verify(message, good));
    }

    @Test
    void theSignedMessageIsTheCanonicalJsonOfBallotSchemaAndToken() {
        Token token = Token.random(RANDOM);
        for (String ballot : List.of("ballot-1", "b \"q\" \\ \u00e9\n\ud83d\uddf3")) {
            assertArrayEquals(CanonicalJson.bytes(Map.of("ballot", ballot, "schema",
                    CredentialMessage.SCHEMA, "token", token.encoded())), CredentialMessage.of(ballot, token).bytes());
        }
    }

    @Test
    void oneKeyChecksCredentialAfterCredentialOnEachThreadWhateverWentBefore() {
        BlindVerificationKey pk = generated.publicKey();
        CredentialMessage message = CredentialMessage.of("ballot-1", Token.random(RANDOM));
        BlindingSession session = pk.blind(message, RANDOM);
        Credential good = session.finish(generated.blindSign(session.blindedMessage()));
        byte[] aboveModulus = new byte[256];
        java.util.Arrays.fill(aboveModulus, (byte) 0xff);
        // the key's engine is reused: a refusal, however it came, must not colour the next check
        assertTrue(pk.verify(message, good));
        assertFalse(pk.verify(message, new Credential(good.prefix(), Base64Url.encode(aboveModulus))));
        assertFalse(pk.verify(message, new Credential(good.prefix(), Base64Url.encode(new byte[10]))));
        assertFalse(pk.verify(CredentialMessage.of("ballot-2", message.token()), good));
        assertTrue(pk.verify(message, good));
        assertTrue(java.util.stream.IntStream.range(0, 64).parallel().allMatch(i -> pk.verify(message, good)
                && !pk.verify(CredentialMessage.of("ballot-2", message.token()), good)));
    }

    @Test
    void smallKeysAndBadInputAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> BlindSigningKey.generate(1024, BlindRsaVariant.SHA384_PSS_RANDOMIZED, RANDOM));
        assertThrows(IllegalArgumentException.class, () -> generated.blindSign(new byte[10]));
        byte[] tooBig = new byte[256];
        java.util.Arrays.fill(tooBig, (byte) 0xff);
        assertThrows(IllegalArgumentException.class, () -> generated.blindSign(tooBig));
        assertThrows(IllegalArgumentException.class, () -> CredentialMessage.of(" ", Token.random(RANDOM)));
    }
}
