package org.selectorate.integrity.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindSigningKey;
import org.selectorate.integrity.blind.BlindingSession;
import org.selectorate.integrity.blind.CredentialMessage;
import org.selectorate.integrity.blind.Token;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.integrity.encoding.Ed25519Keys;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.json.Json;

/** The export carries the paper account and the certification when there are some, and is unchanged otherwise. */
class RecordCodecAccountTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static RecordDocument plain;
    private static RecordDocument accounted;

    @BeforeAll
    static void record() throws Exception {
        BlindSigningKey issuer = BlindSigningKey.generate(2048, BlindRsaVariant.SHA384_PSS_RANDOMIZED, RANDOM);
        PublicRecord record = PublicRecord.open(new BallotInfo("b-1", "Selection", List.of("Ada", "Bo", "Cy"),
                List.of()), Map.of("edition", 2021), CountRules.alternativeVote(7), issuer.publicKey(),
                TreeHeadSigner.generate(RANDOM));
        Token token = Token.random(RANDOM);
        BlindingSession s = issuer.publicKey().blind(CredentialMessage.of("b-1", token), RANDOM);
        record.appendOnline(List.of("Bo", "Ada"), token, s.finish(issuer.blindSign(s.blindedMessage())));
        record.appendPaper(Channel.POSTAL, List.of("Cy"), new PaperRef("postal-1", 1));
        record.appendPaper(Channel.POSTAL, List.of(), new PaperRef("postal-1", 2));
        record.appendPaper(Channel.IN_PERSON, List.of("Ada"), new PaperRef("hall-1", 1));
        SignedTreeHead last = record.signTreeHead(Instant.parse("2025-05-01T22:00:00Z"));
        Map<Channel, Long> marked = Map.of(Channel.ONLINE, 2L, Channel.POSTAL, 4L, Channel.IN_PERSON, 1L);
        plain = record.document(marked, Map.of("elected", List.of("Ada")));

        Map<Channel, ChannelAccount> accounts = new EnumMap<>(Channel.class);
        accounts.put(Channel.ONLINE, new ChannelAccount(2, 1, Map.of(), Map.of(), 1));
        accounts.put(Channel.POSTAL, new ChannelAccount(5, 4, Map.of("voted-online", 1L), Map.of("unmarked", 1L),
                2));
        accounts.put(Channel.IN_PERSON, new ChannelAccount(1, 1, Map.of(), Map.of(), 1));
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key.getPrivate());
        signer.update(Certification.statement("b-1", Certification.CERTIFIED, List.of(), "Sam Okafor",
                last.head().treeSize(), last.head().rootHash()));
        Certification certification = new Certification(Certification.CERTIFIED, List.of(), "Sam Okafor",
                Base64Url.encode(Ed25519Keys.raw(key.getPublic())), last.head().treeSize(), last.head().rootHash(),
                Base64Url.encode(signer.sign()));
        accounted = new RecordDocument(plain.header(), plain.entries(), plain.treeHeads(), plain.markedRegister(),
                plain.result(), accounts, certification);
    }

    @Test
    void anAccountAndACertificationRoundTrip() {
        String json = RecordCodec.write(accounted);
        RecordDocument read = RecordCodec.read(json);
        assertEquals(accounted, read);
        assertEquals(json, RecordCodec.write(read));
        assertTrue(read.certification().verify(read.ballotId()));
        assertEquals(Map.of("voted-online", 1L), read.paperAccount().get(Channel.POSTAL).rejected());
        assertTrue(json.contains("\"paperAccount\":{\"in-person\":{\"counted\":1,\"issued\":1,\"rejected\":{},"
                + "\"returned\":1,\"spoilt\":{}},\"online\":"), json);
        assertTrue(json.contains("\"certification\":{\"decision\":\"certified\",\"publicKey\":\""), json);
    }

    @Test
    void writtenAnEntryAtATimeTheRecordIsTheSameText() {
        for (RecordDocument doc : List.of(plain, accounted)) {
            RecordDocument withoutEntries = new RecordDocument(doc.header(), List.of(), doc.treeHeads(),
                    doc.markedRegister(), doc.result(), doc.paperAccount(), doc.certification());
            RecordCodec.Writer writer = new RecordCodec.Writer(withoutEntries);
            StringBuilder text = new StringBuilder(writer.opening());
            doc.entries().forEach(e -> text.append(writer.entry(e)));
            text.append(writer.closing());
            assertEquals(RecordCodec.write(doc), text.toString());
            assertThrows(IllegalStateException.class, () -> writer.entry(doc.entries().get(0)));
        }
        RecordCodec.Writer writer = new RecordCodec.Writer(new RecordDocument(plain.header(), List.of(),
                plain.treeHeads(), plain.markedRegister(), null));
        assertThrows(IllegalStateException.class, () -> writer.entry(plain.entries().get(1)));
        assertThrows(IllegalArgumentException.class, () -> new RecordCodec.Writer(plain));
    }

    @Test
    void aRecordWithoutThemIsWrittenExactlyAsBefore() {
        String json = RecordCodec.write(plain);
        assertFalse(json.contains("paperAccount"), json);
        assertFalse(json.contains("certification"), json);
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) Json.parse(json);
        assertEquals(List.of("ballot", "count", "entries", "keys", "markedRegister", "result", "rulebook", "schema",
                "treeHeads"), List.copyOf(root.keySet()));
        // The two members are purely added: taking them out of a full export gives the plain export, byte for byte.
        @SuppressWarnings("unchecked")
        Map<String, Object> full = new LinkedHashMap<>((Map<String, Object>) Json.parse(RecordCodec.write(accounted)));
        full.remove("paperAccount");
        full.remove("certification");
        assertEquals(json, CanonicalJson.write(full));
        RecordDocument read = RecordCodec.read(json);
        assertEquals(plain, read);
        assertTrue(read.paperAccount().isEmpty());
        assertNull(read.certification());
    }

    @Test
    void aNullCertificationReadsAsNoneAndIsNotWrittenBack() {
        String json = RecordCodec.write(plain);
        String withNull = json.substring(0, json.length() - 1) + ",\"certification\":null}";
        RecordDocument read = RecordCodec.read(withNull);
        assertNull(read.certification());
        assertEquals(json, RecordCodec.write(read));
    }

    @Test
    void aMalformedAccountOrCertificationIsRefusedAsAMalformedRecord() {
        String json = RecordCodec.write(accounted);
        assertMalformed(json.replace("\"in-person\":{\"counted\":1", "\"by-pigeon\":{\"counted\":1"), "by-pigeon");
        assertMalformed(json.replace("\"in-person\":{\"counted\":1", "\"in-person\":{\"counted\":-1"), "negative");
        assertMalformed(json.replace("\"in-person\":{\"counted\":1", "\"in-person\":{\"burnt\":0,\"counted\":1"),
                "burnt");
        assertMalformed(json.replace("\"decision\":\"certified\"", "\"decision\":\"refused\""), "reasons");
        assertMalformed(json.replace("\"decision\":\"certified\"", "\"decision\":\"approved\""), "approved");
    }

    private static void assertMalformed(String json, String mention) {
        MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> RecordCodec.read(json));
        assertTrue(e.getMessage().contains(mention), e.getMessage());
    }
}
