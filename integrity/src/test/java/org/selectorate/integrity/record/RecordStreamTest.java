package org.selectorate.integrity.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindSigningKey;
import org.selectorate.integrity.blind.BlindingSession;
import org.selectorate.integrity.blind.CredentialMessage;
import org.selectorate.integrity.blind.Token;

/** A record read from a stream, entry by entry, is the record RecordCodec reads, and is refused where it is. */
class RecordStreamTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static RecordDocument doc;
    private static String json;

    @BeforeAll
    static void record() {
        BlindSigningKey issuer = BlindSigningKey.generate(2048, BlindRsaVariant.SHA384_PSS_RANDOMIZED, RANDOM);
        PublicRecord record = PublicRecord.open(new BallotInfo("b-1", "Selection", List.of("Ada", "Bo", "Cy"),
                List.of()), Map.of("edition", 2021), CountRules.alternativeVote(7), issuer.publicKey(),
                TreeHeadSigner.generate(RANDOM));
        Token token = Token.random(RANDOM);
        BlindingSession s = issuer.publicKey().blind(CredentialMessage.of("b-1", token), RANDOM);
        record.appendOnline(List.of("Bo", "Ada"), token, s.finish(issuer.blindSign(s.blindedMessage())));
        for (int i = 1; i <= 20; i++) {
            record.appendPaper(Channel.POSTAL, List.of(i % 2 == 0 ? "Cy" : "Ada"), new PaperRef("postal-1", i));
            if (i == 10) {
                record.signTreeHead(Instant.parse("2025-05-01T21:00:00Z"));
            }
        }
        record.signTreeHead(Instant.parse("2025-05-01T22:00:00Z"));
        doc = record.document(Map.of(Channel.ONLINE, 1L, Channel.POSTAL, 20L), Map.of("elected", List.of("Ada")));
        json = RecordCodec.write(doc);
    }

    @Test
    void readEntryByEntryItIsTheRecordReadWhole() throws IOException {
        RecordDocument frame = RecordStream.withoutEntries(in(json));
        assertEquals(List.of(), frame.entries());
        List<RecordEntry> entries = new ArrayList<>();
        assertEquals(21, RecordStream.entries(in(json), entries::add));
        assertEquals(doc, new RecordDocument(frame.header(), entries, frame.treeHeads(), frame.markedRegister(),
                frame.result(), frame.paperAccount(), frame.certification()));
        assertEquals(RecordCodec.read(json), doc);
    }

    @Test
    void aMalformedEntryMidStreamIsNamedByItsPathAfterTheEntriesBeforeIt() {
        String broken = json.replace("\"item\":7}", "\"item\":\"7\"}");
        List<RecordEntry> seen = new ArrayList<>();
        MalformedRecordException e = assertThrows(MalformedRecordException.class,
                () -> RecordStream.entries(in(broken), seen::add));
        assertTrue(e.getMessage().contains("$.entries[7].paper.item: expected an integer"), e.getMessage());
        assertEquals(assertThrows(MalformedRecordException.class, () -> RecordCodec.read(broken)).getMessage(),
                e.getMessage());
        assertEquals(7, seen.size());
    }

    @Test
    void duplicateMemberNamesAnywhereAreRefused() {
        // in an entry (read only by the entry pass), and at the top (read by both)
        String inEntry = json.replace("\"item\":7}", "\"item\":7,\"item\":8}");
        MalformedRecordException e = assertThrows(MalformedRecordException.class,
                () -> RecordStream.entries(in(inEntry), x -> { }));
        assertTrue(e.getMessage().startsWith("not JSON: Duplicate field 'item'"), e.getMessage());
        assertThrows(MalformedRecordException.class, () -> RecordStream.withoutEntries(in(inEntry)));
        String twice = json.substring(0, json.length() - 1) + ",\"schema\":\"selectorate-record/1\"}";
        for (String text : List.of(twice, json.replaceFirst("\\{", "{\"entries\":[],"))) {
            assertThrows(MalformedRecordException.class, () -> RecordStream.withoutEntries(in(text)));
            assertThrows(MalformedRecordException.class, () -> RecordStream.entries(in(text), x -> { }));
            assertThrows(MalformedRecordException.class, () -> RecordCodec.read(text));
        }
    }

    @Test
    void trailingDataAndLoneSurrogatesAreRefused() {
        assertThrows(MalformedRecordException.class, () -> RecordStream.withoutEntries(in(json + "{}")));
        assertThrows(MalformedRecordException.class, () -> RecordStream.entries(in(json + " x"), x -> { }));
        String lone = json.replace("\"postal-1\"", "\"postal-\\ud800\"");
        assertThrows(MalformedRecordException.class, () -> RecordStream.entries(in(lone), x -> { }));
    }

    private static InputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
