package org.selectorate.integrity.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindSigningKey;
import org.selectorate.integrity.blind.BlindingSession;
import org.selectorate.integrity.blind.Credential;
import org.selectorate.integrity.blind.CredentialMessage;
import org.selectorate.integrity.blind.Token;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.record.RejectedEntryException.Reason;
import org.selectorate.integrity.tracker.Tracker;

class PublicRecordTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final BallotInfo BALLOT = new BallotInfo("b-1", "Selection", List.of("Ada", "Bo", "Cy"),
            List.of());
    private static BlindSigningKey issuer;
    private static TreeHeadSigner signer;

    @BeforeAll
    static void keys() {
        issuer = BlindSigningKey.generate(2048, BlindRsaVariant.SHA384_PSS_RANDOMIZED, RANDOM);
        signer = TreeHeadSigner.generate(RANDOM);
    }

    private static PublicRecord open() {
        return PublicRecord.open(BALLOT, Map.of("edition", 2021), CountRules.alternativeVote(7),
                issuer.publicKey(), signer);
    }

    private static Credential credential(String ballotId, Token token) {
        BlindingSession s = issuer.publicKey().blind(CredentialMessage.of(ballotId, token), RANDOM);
        return s.finish(issuer.blindSign(s.blindedMessage()));
    }

    @Test
    void appendsSignsProvesAndRoundTrips() {
        PublicRecord record = open();
        Token token = Token.random(RANDOM);
        RecordEntry online = record.appendOnline(List.of("Bo", "Ada"), token, credential("b-1", token));
        assertEquals(Tracker.forToken("b-1", token).value(), online.tracker());
        assertEquals(online.computeLeafHash().hex(), online.leafHash());
        SignedTreeHead first = record.signTreeHead(Instant.parse("2025-05-01T10:00:00Z"));
        record.appendPaper(Channel.POSTAL, List.of("Cy"), new PaperRef("postal-1", 1));
        record.appendPaper(Channel.IN_PERSON, List.of(), new PaperRef("hall-1", 1));
        SignedTreeHead second = record.signTreeHead(Instant.parse("2025-05-01T11:00:00Z"));

        assertTrue(signer.publicKey().verify(first));
        assertTrue(signer.publicKey().verify(second));
        assertEquals(record.header().hash(), second.head().headerHash());
        assertTrue(record.inclusionProof(0, 3).verify(Digest.fromHex(online.leafHash()),
                Digest.fromHex(second.head().rootHash())));
        assertTrue(record.consistencyProof(1, 3).verify(Digest.fromHex(first.head().rootHash()),
                Digest.fromHex(second.head().rootHash())));

        RecordDocument doc = record.document(Map.of(Channel.ONLINE, 1L, Channel.POSTAL, 1L), Map.of("elected",
                List.of("Bo")));
        String json = RecordCodec.write(doc);
        RecordDocument read = RecordCodec.read(json);
        assertEquals(doc, read);
        assertEquals(json, RecordCodec.write(read));

        PublicRecord resumed = PublicRecord.resume(read, signer);
        assertEquals(record.root(), resumed.root());
        assertEquals(record.chainHead(), resumed.chainHead());
    }

    @Test
    void aRecordForAStoreKeepsNoEntriesYetAppendsSignsAndResumesAsOneThatDoes() {
        PublicRecord kept = open();
        PublicRecord stored = PublicRecord.openForStore(BALLOT, Map.of("edition", 2021),
                CountRules.alternativeVote(7), issuer.publicKey(), signer);
        PublicRecord.Resumption resumption = PublicRecord.resumeFromStore(stored.header(), signer);
        Instant at = Instant.parse("2025-05-01T10:00:00Z");
        for (int i = 0; i < 5; i++) {
            Token token = Token.random(RANDOM);
            Credential credential = credential("b-1", token);
            RecordEntry a = kept.appendOnline(List.of("Ada", "Cy"), token, credential);
            RecordEntry b = stored.appendOnline(List.of("Ada", "Cy"), token, credential);
            assertEquals(a, b);
            resumption.replay(b);
            if (i == 2) {
                assertEquals(kept.signTreeHead(at).head().rootHash(), stored.signTreeHead(at).head().rootHash());
            }
        }
        RecordEntry paper = stored.appendPaper(Channel.POSTAL, List.of("Bo"), new PaperRef("postal-1", 1));
        resumption.replay(paper);
        SignedTreeHead last = stored.signTreeHead(at.plusSeconds(60));
        assertThrows(IllegalStateException.class, () -> stored.document(Map.of(), null));

        PublicRecord resumed = resumption.finish(stored.treeHeads());
        assertEquals(stored.root(), resumed.root());
        assertEquals(stored.chainHead(), resumed.chainHead());
        assertEquals(stored.treeHeads(), resumed.treeHeads());
        assertThrows(IllegalStateException.class, () -> resumption.replay(paper));
        assertThrows(IllegalStateException.class, () -> resumed.document(Map.of(), null));
        assertReason(Reason.PAPER_ALREADY_ENTERED, () -> resumed.appendPaper(Channel.POSTAL, List.of("Bo"),
                new PaperRef("postal-1", 1)));
        assertEquals(6, last.head().treeSize());
    }

    @Test
    void aResumptionRefusesEntriesAndHeadsThatDoNotMatch() {
        PublicRecord stored = PublicRecord.openForStore(BALLOT, Map.of("edition", 2021),
                CountRules.alternativeVote(7), issuer.publicKey(), signer);
        Token token = Token.random(RANDOM);
        RecordEntry first = stored.appendOnline(List.of("Bo"), token, credential("b-1", token));
        SignedTreeHead head = stored.signTreeHead(Instant.parse("2025-05-01T10:00:00Z"));

        PublicRecord.Resumption edited = PublicRecord.resumeFromStore(stored.header(), signer);
        assertThrows(IllegalArgumentException.class, () -> edited.replay(new RecordEntry(0, Channel.ONLINE,
                first.tracker(), List.of("Ada"), first.token(), first.credential(), null, first.leafHash())));
        PublicRecord.Resumption skipped = PublicRecord.resumeFromStore(stored.header(), signer);
        assertThrows(IllegalArgumentException.class, () -> skipped.replay(new RecordEntry(1, Channel.ONLINE,
                first.tracker(), first.vote(), first.token(), first.credential(), null, first.leafHash())));
        PublicRecord.Resumption truncated = PublicRecord.resumeFromStore(stored.header(), signer);
        assertThrows(IllegalArgumentException.class, () -> truncated.finish(List.of(head)));
        PublicRecord.Resumption twice = PublicRecord.resumeFromStore(stored.header(), signer);
        twice.replay(first);
        assertThrows(RejectedEntryException.class, () -> twice.replay(new RecordEntry(1, Channel.ONLINE,
                first.tracker(), first.vote(), first.token(), first.credential(), null, first.leafHash())));
        assertThrows(IllegalArgumentException.class,
                () -> PublicRecord.resumeFromStore(stored.header(), TreeHeadSigner.generate(RANDOM)));
    }

    @Test
    void refusesWhatTheVerifierWouldFlag() {
        PublicRecord record = open();
        Token token = Token.random(RANDOM);
        Credential good = credential("b-1", token);
        record.appendOnline(List.of("Ada"), token, good);
        assertReason(Reason.TOKEN_ALREADY_USED, () -> record.appendOnline(List.of("Bo"), token, good));
        Token other = Token.random(RANDOM);
        assertReason(Reason.BAD_CREDENTIAL, () -> record.appendOnline(List.of("Bo"), other, good));
        assertReason(Reason.BAD_CREDENTIAL,
                () -> record.appendOnline(List.of("Bo"), other, credential("b-2", other)));
        assertReason(Reason.INVALID_VOTE, () -> record.appendOnline(List.of("Ada", "Ada"), other,
                credential("b-1", other)));
        assertReason(Reason.INVALID_VOTE, () -> record.appendPaper(Channel.POSTAL, List.of("Zed"),
                new PaperRef("p", 1)));
        record.appendPaper(Channel.POSTAL, List.of("Bo"), new PaperRef("p", 1));
        assertReason(Reason.PAPER_ALREADY_ENTERED, () -> record.appendPaper(Channel.POSTAL, List.of("Bo"),
                new PaperRef("p", 1)));
        assertReason(Reason.WRONG_CHANNEL, () -> record.appendPaper(Channel.ONLINE, List.of("Bo"),
                new PaperRef("p", 2)));
        assertEquals(2, record.size());
        record.signTreeHead(Instant.parse("2025-05-01T10:00:00Z"));
        assertThrows(IllegalArgumentException.class, () -> record.signTreeHead(Instant.parse("2025-05-01T09:00:00Z")));
    }

    @Test
    void treeHeadKeysAreStoredAsAPairAndNoOtherKeyVerifies() {
        TreeHeadSigner stored = TreeHeadSigner.fromKeys(signer.pkcs8(), signer.publicKey().encoded());
        TreeHead head = new TreeHead("b-1", 0, "r", "c", "h", "2025-05-01T10:00:00Z");
        assertTrue(signer.publicKey().verify(stored.sign(head)));
        TreeHeadSigner stranger = TreeHeadSigner.generate(RANDOM);
        assertFalse(signer.publicKey().verify(stranger.sign(head)));
        assertThrows(IllegalArgumentException.class,
                () -> TreeHeadSigner.fromKeys(stranger.pkcs8(), signer.publicKey().encoded()));
        assertEquals(signer.publicKey().fingerprint(),
                TreeHeadKey.fromEncoded(signer.publicKey().encoded()).fingerprint());
    }

    @Test
    void malformedFilesSayWhere() {
        PublicRecord record = open();
        String json = RecordCodec.write(record.document(Map.of(), null));
        assertMalformed("not JSON", json.substring(1));
        assertMalformed("unsupported schema", json.replace("selectorate-record/1", "selectorate-record/9"));
        assertMalformed("$.ballot: missing \"id\"", json.replace("\"id\":\"b-1\",", ""));
        assertMalformed("$: unknown member \"extra\"", json.replace("{\"ballot\"", "{\"extra\":1,\"ballot\""));
        assertMalformed("$.markedRegister.paper", json.replace("\"markedRegister\":{}",
                "\"markedRegister\":{\"paper\":1}"));
    }

    private static void assertMalformed(String expected, String json) {
        MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> RecordCodec.read(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static void assertReason(Reason reason, Runnable append) {
        RejectedEntryException e = assertThrows(RejectedEntryException.class, append::run);
        assertEquals(reason, e.reason(), e.getMessage());
    }
}
