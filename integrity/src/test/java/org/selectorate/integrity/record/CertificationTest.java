package org.selectorate.integrity.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.integrity.encoding.Ed25519Keys;

/** A scrutineer's decision signed with a plain JDK Ed25519 key verifies, and nothing about it can be moved. */
class CertificationTest {
    private static final String BALLOT = "2025-hackney-south-final";
    private static final String ROOT = "4a13fd36038e39fbcb9079b10879686cb3454d147a64fcc1ece17fb365168701";
    private static final String OTHER_ROOT = "c8d8bb16ab536cc5cb47ce8cfe92f64064a447b64de77567296f7500a7ecd40d";
    private static KeyPair scrutineer;
    private static KeyPair other;

    @BeforeAll
    static void keys() throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
        scrutineer = gen.generateKeyPair();
        other = gen.generateKeyPair();
    }

    private static String publicKey(KeyPair pair) {
        return Base64Url.encode(Ed25519Keys.raw(pair.getPublic()));
    }

    private static String sign(KeyPair pair, byte[] statement) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(pair.getPrivate());
            s.update(statement);
            return Base64Url.encode(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Certification signed(KeyPair pair, String decision, List<String> reasons, String name,
            long size, String root) {
        String signature = sign(pair, Certification.statement(BALLOT, decision, reasons, name, size, root));
        return new Certification(decision, reasons, name, publicKey(pair), size, root, signature);
    }

    @Test
    void theStatementIsTheCanonicalJsonOfTheDecisionOverTheTreeHead() {
        String expected = "{\"ballot\":\"" + BALLOT + "\",\"decision\":\"refused\",\"reasons\":[\"postal batch 3 "
                + "unaccounted for\",\"teller disagreement not adjudicated\"],\"rootHash\":\"" + ROOT
                + "\",\"scrutineer\":\"Sam Okafor\",\"statement\":\"selectorate-certification/1\",\"treeSize\":1500}";
        List<String> reasons = List.of("postal batch 3 unaccounted for", "teller disagreement not adjudicated");
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8),
                Certification.statement(BALLOT, Certification.REFUSED, reasons, "Sam Okafor", 1500, ROOT));
        // A signature over the documented bytes, made without the class, verifies.
        Certification c = new Certification(Certification.REFUSED, reasons, "Sam Okafor", publicKey(scrutineer),
                1500, ROOT, sign(scrutineer, expected.getBytes(StandardCharsets.UTF_8)));
        assertTrue(c.verify(BALLOT));
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), c.statement(BALLOT));
    }

    @Test
    void aCertificationVerifiesForItsBallotOnly() {
        Certification c = signed(scrutineer, Certification.CERTIFIED, List.of(), "Sam Okafor", 1500, ROOT);
        assertTrue(c.verify(BALLOT));
        assertFalse(c.verify("2025-hackney-north-final"));
    }

    @Test
    void anyChangedFieldOrAnotherKeyFailsToVerify() {
        List<String> reasons = List.of("postal batch 3 unaccounted for");
        Certification c = signed(scrutineer, Certification.REFUSED, reasons, "Sam Okafor", 1500, ROOT);
        assertTrue(c.verify(BALLOT));
        String sk = c.publicKey();
        String sig = c.signature();
        List<Certification> changed = List.of(
                new Certification(Certification.CERTIFIED, List.of(), "Sam Okafor", sk, 1500, ROOT, sig),
                new Certification(Certification.REFUSED, List.of("another reason"), "Sam Okafor", sk, 1500, ROOT, sig),
                new Certification(Certification.REFUSED, List.of(reasons.get(0), "x"), "Sam Okafor", sk, 1500, ROOT,
                        sig),
                new Certification(Certification.REFUSED, reasons, "Sam Okafor ", sk, 1500, ROOT, sig),
                new Certification(Certification.REFUSED, reasons, "Sam Okafor", sk, 1501, ROOT, sig),
                new Certification(Certification.REFUSED, reasons, "Sam Okafor", sk, 1500, OTHER_ROOT, sig),
                new Certification(Certification.REFUSED, reasons, "Sam Okafor", publicKey(other), 1500, ROOT, sig));
        for (Certification x : changed) {
            assertFalse(x.verify(BALLOT), x.toString());
        }
        // Another scrutineer's key signing the same decision is their decision, not this one's signature.
        Certification byOther = signed(other, Certification.REFUSED, reasons, "Sam Okafor", 1500, ROOT);
        assertFalse(new Certification(Certification.REFUSED, reasons, "Sam Okafor", sk, 1500, ROOT,
                byOther.signature()).verify(BALLOT));
    }

    @Test
    void aMalformedKeyOrSignatureDoesNotVerifyAndDoesNotThrow() {
        Certification c = signed(scrutineer, Certification.CERTIFIED, List.of(), "Sam Okafor", 1500, ROOT);
        assertFalse(new Certification(c.decision(), c.reasons(), c.scrutineer(), "not-a-key", 1500, ROOT,
                c.signature()).verify(BALLOT));
        assertFalse(new Certification(c.decision(), c.reasons(), c.scrutineer(), Base64Url.encode(new byte[31]),
                1500, ROOT, c.signature()).verify(BALLOT));
        assertFalse(new Certification(c.decision(), c.reasons(), c.scrutineer(), c.publicKey(), 1500, ROOT,
                "AAAA").verify(BALLOT));
        assertFalse(new Certification(c.decision(), c.reasons(), c.scrutineer(), c.publicKey(), 1500, ROOT,
                c.signature() + "=").verify(BALLOT));
    }

    @Test
    void aRefusalNeedsReasonsAndADecisionIsOneOfTwo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Certification(Certification.REFUSED, List.of(), "Sam Okafor", "k", 1, ROOT, "s"));
        assertEquals("a refusal gives its reasons", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Certification("approved", List.of(), "Sam Okafor", "k", 1, ROOT, "s"));
        assertThrows(IllegalArgumentException.class,
                () -> new Certification(null, List.of(), "Sam Okafor", "k", 1, ROOT, "s"));
    }
}
