package org.selectorate.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindSigningKey;
import org.selectorate.integrity.blind.Credential;
import org.selectorate.integrity.blind.Token;
import org.selectorate.integrity.record.Channel;
import org.selectorate.integrity.record.MalformedRecordException;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.RecordEntry;
import org.selectorate.integrity.record.SignedTreeHead;
import org.selectorate.integrity.record.TreeHeadSigner;
import org.selectorate.integrity.tracker.Tracker;
import org.selectorate.verifier.check.CertificationCheck;
import org.selectorate.verifier.check.CheckResult;
import org.selectorate.verifier.recount.RecordCount;

/** A 10,000-entry record on real keys verifies; each way of tampering with it is caught and named. */
class RecordVerifierTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static RecordDocument record;

    @BeforeAll
    static void buildRecord() {
        BlindSigningKey issuer = BlindSigningKey.generate(2048, BlindRsaVariant.SHA384_PSS_RANDOMIZED, RANDOM);
        record = RecordFixture.build(10_000, 2_500, 42, issuer, TreeHeadSigner.generate(RANDOM));
    }

    @Test
    void theUntouchedRecordVerifiesAfterARoundTripThroughItsFile() {
        RecordDocument read = RecordCodec.read(RecordCodec.write(record));
        VerificationReport report = RecordVerifier.verify(read);
        assertTrue(report.passed(), report.format());
        assertEquals(12, report.checks().size());
        assertTrue(report.format().contains("VERIFIED: all 12 checks passed"));
    }

    @Test
    void readFromItsFileEntryByEntryTheRecordGivesTheSameReport(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("record.json"), RecordCodec.write(record));
        VerificationReport streamed = RecordVerifier.verify(file, CertificationCheck.optional());
        assertTrue(streamed.passed(), streamed.format());
        assertEquals(RecordVerifier.verify(record).format(), streamed.format());
        assertEquals(RecordCount.blt(record.header(), record.entries()), streamed.blt());
    }

    @Test
    void aVoteChangedMidFileIsCaughtAndNamedWhenStreamed(@TempDir Path dir) throws IOException {
        RecordDocument tampered = with(changedVote(1234));
        Path file = Files.writeString(dir.resolve("record.json"), RecordCodec.write(tampered));
        VerificationReport streamed = RecordVerifier.verify(file, CertificationCheck.optional());
        assertEquals(RecordVerifier.verify(tampered).format(), streamed.format());
        assertFailures(tampered, Set.of("leaf hashes", "tree and chain", "recount"), "entry 1234");
    }

    @Test
    void aDuplicateMemberMidFileIsRefusedWhenStreamed(@TempDir Path dir) throws IOException {
        String json = RecordCodec.write(record);
        int at = json.indexOf("{\"channel\"", json.indexOf("\"seq\":4999,") - 2000);
        String doubled = json.substring(0, at + 1) + "\"channel\":\"postal\"," + json.substring(at + 1);
        Path file = Files.writeString(dir.resolve("record.json"), doubled);
        MalformedRecordException e = assertThrows(MalformedRecordException.class,
                () -> RecordVerifier.verify(file, CertificationCheck.optional()));
        assertTrue(e.getMessage().contains("Duplicate field 'channel'"), e.getMessage());
    }

    @Test
    void aChangedVoteIsCaught() {
        assertFailures(with(changedVote(1234)), Set.of("leaf hashes", "tree and chain", "recount"), "entry 1234");
    }

    /** The entries with entry {@code index}'s vote changed and its leaf hash left as published. */
    private static List<RecordEntry> changedVote(int index) {
        List<RecordEntry> entries = new ArrayList<>(record.entries());
        RecordEntry e = entries.get(index);
        List<String> other = e.vote().equals(List.of("Bo Diddley")) ? List.of("Cy Twombly") : List.of("Bo Diddley");
        entries.set(index, new RecordEntry(e.seq(), e.channel(), e.tracker(), other, e.token(), e.credential(),
                e.paper(), e.leafHash()));
        return entries;
    }

    @Test
    void aRemovedEntryIsCaught() {
        List<RecordEntry> entries = new ArrayList<>(record.entries());
        entries.remove(5000);
        assertFailures(with(entries), Set.of("entries well-formed", "tree and chain", "recount"),
                "position 5000 holds an entry numbered 5001");
    }

    @Test
    void anEntryAddedWithoutAValidCredentialIsCaught() {
        List<RecordEntry> entries = new ArrayList<>(record.entries());
        RecordEntry donor = firstOnline();
        Token token = Token.random(RANDOM);
        RecordEntry forged = entry(entries.size(), token, donor.credential(), List.of("Cy Twombly"));
        entries.add(forged);
        assertFailures(withResultOf(entries), Set.of("credential signatures", "tree and chain"),
                "entry 10000 (" + forged.tracker() + "): credential does not verify");
    }

    @Test
    void aReusedTokenIsCaught() {
        List<RecordEntry> entries = new ArrayList<>(record.entries());
        RecordEntry original = firstOnline();
        entries.add(entry(entries.size(), Token.fromEncoded(original.token()), original.credential(),
                List.of("Cy Twombly")));
        assertFailures(withResultOf(entries), Set.of("tokens used once", "tree and chain"),
                "token already used by entry " + original.seq());
    }

    @Test
    void aTreeHeadResignedWithAnotherKeyIsCaught() {
        List<SignedTreeHead> heads = new ArrayList<>(record.treeHeads());
        SignedTreeHead last = heads.get(heads.size() - 1);
        SignedTreeHead forged = TreeHeadSigner.generate(RANDOM).sign(last.head()).withConsistency(last.consistency());
        heads.set(heads.size() - 1, forged);
        RecordDocument tampered = new RecordDocument(record.header(), record.entries(), heads, record.markedRegister(),
                record.result());
        assertFailures(tampered, Set.of("tree head signatures"), "tree head 3 (size 10000): signature does not verify");
    }

    @Test
    void aChangedResultIsCaught() {
        Map<String, Object> result = new LinkedHashMap<>(record.result());
        @SuppressWarnings("unchecked")
        List<String> elected = (List<String>) result.get("elected");
        String loser = record.header().ballot().candidates().stream().filter(c -> !elected.contains(c))
                .findFirst().orElseThrow();
        result.put("elected", List.of(loser));
        RecordDocument tampered = new RecordDocument(record.header(), record.entries(), record.treeHeads(),
                record.markedRegister(), result);
        assertFailures(tampered, Set.of("recount"), "elected: published [" + loser + "]");
    }

    @Test
    void moreVotesThanTheMarkedRegisterIsCaught() {
        long postal = record.entries().stream().filter(e -> e.channel() == Channel.POSTAL).count();
        Map<Channel, Long> marked = new EnumMap<>(record.markedRegister());
        marked.put(Channel.POSTAL, postal - 3);
        RecordDocument tampered = new RecordDocument(record.header(), record.entries(), record.treeHeads(), marked,
                record.result());
        assertFailures(tampered, Set.of("reconciliation with the marked register"),
                "postal: " + postal + " votes on the record but only " + (postal - 3) + " marked in the register");
    }

    @Test
    void headsThatDoNotExtendEachOtherAreCaught() {
        List<SignedTreeHead> heads = new ArrayList<>(record.treeHeads());
        heads.set(1, heads.get(1).withConsistency(heads.get(2).consistency()));
        RecordDocument tampered = new RecordDocument(record.header(), record.entries(), heads, record.markedRegister(),
                record.result());
        assertFailures(tampered, Set.of("successive heads consistent"), "tree head 1 (size 5000): does not extend");
    }

    private static RecordEntry firstOnline() {
        return record.entries().stream().filter(e -> e.channel() == Channel.ONLINE).findFirst().orElseThrow();
    }

    /** An online entry as an attacker would add it: well-formed, its own leaf hash recomputed. */
    private static RecordEntry entry(long seq, Token token, Credential credential, List<String> vote) {
        String tracker = Tracker.forToken(record.ballotId(), token).value();
        RecordEntry draft = new RecordEntry(seq, Channel.ONLINE, tracker, vote, token.encoded(), credential, null,
                null);
        return new RecordEntry(seq, Channel.ONLINE, tracker, vote, token.encoded(), credential, null,
                draft.computeLeafHash().hex());
    }

    private static RecordDocument with(List<RecordEntry> entries) {
        return new RecordDocument(record.header(), entries, record.treeHeads(), record.markedRegister(),
                record.result());
    }

    /** The attacker also republishes a result that matches the added entries, so only the forgery shows. */
    private static RecordDocument withResultOf(List<RecordEntry> entries) {
        Map<Channel, Long> marked = new EnumMap<>(record.markedRegister());
        marked.merge(Channel.ONLINE, 1L, Long::sum);
        return new RecordDocument(record.header(), entries, record.treeHeads(), marked,
                org.selectorate.verifier.recount.RecordCount.resultValue(
                        org.selectorate.verifier.recount.RecordCount.count(record.header(), entries)));
    }

    private static void assertFailures(RecordDocument tampered, Set<String> expected, String detail) {
        VerificationReport report = RecordVerifier.verify(tampered);
        String text = report.format();
        assertFalse(report.passed(), text);
        Set<String> failed = new TreeSet<>();
        for (CheckResult c : report.checks()) {
            if (!c.passed()) {
                failed.add(c.name());
            }
        }
        assertEquals(new TreeSet<>(expected), failed, text);
        assertTrue(text.contains(detail), "report should mention \"" + detail + "\":\n" + text);
        assertTrue(text.contains("NOT VERIFIED"), text);
    }
}
