package org.selectorate.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindSigningKey;
import org.selectorate.integrity.record.Certification;
import org.selectorate.integrity.record.Channel;
import org.selectorate.integrity.record.ChannelAccount;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.RecordEntry;
import org.selectorate.integrity.record.TreeHead;
import org.selectorate.integrity.record.TreeHeadSigner;
import org.selectorate.verifier.check.CertificationCheck;
import org.selectorate.verifier.check.CheckResult;

/** The ballot paper account and the scrutineer's certification, checked against the record they describe. */
class AccountAndCertificationTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SCRUTINEER = "Sam Okafor";
    private static RecordDocument counted;
    private static Map<Channel, ChannelAccount> account;
    private static KeyPair key;
    private static RecordDocument certified;

    @BeforeAll
    static void record() throws Exception {
        BlindSigningKey issuer = BlindSigningKey.generate(2048, BlindRsaVariant.SHA384_PSS_RANDOMIZED, RANDOM);
        counted = RecordFixture.build(400, 150, 7, issuer, TreeHeadSigner.generate(RANDOM));
        account = RecordFixture.account(counted);
        key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        certified = RecordFixture.with(counted, account, RecordFixture.decide(key, counted.ballotId(), last(),
                SCRUTINEER, List.of()));
    }

    private static TreeHead last() {
        return counted.treeHeads().get(counted.treeHeads().size() - 1).head();
    }

    private static long entries(Channel c) {
        return counted.entries().stream().filter(e -> e.channel() == c).count();
    }

    @Test
    void aCertifiedRecordWithAReconcilingAccountVerifiesAfterARoundTrip() {
        VerificationReport report = RecordVerifier.verify(RecordCodec.read(RecordCodec.write(certified)),
                new CertificationCheck(true, certified.certification().publicKey()));
        String text = report.format();
        assertTrue(report.passed(), text);
        assertEquals(12, report.checks().size());
        long postal = entries(Channel.POSTAL);
        assertTrue(text.contains("PASS  ballot paper account: every channel reconciles: online issued "
                + counted.markedRegister().get(Channel.ONLINE) + ", returned " + entries(Channel.ONLINE)), text);
        assertTrue(text.contains("postal issued " + (counted.markedRegister().get(Channel.POSTAL) + 1) + ", returned "
                + (postal + 3) + ", rejected 2, spoilt 1, counted " + postal), text);
        assertTrue(text.contains("PASS  certification: certified by " + SCRUTINEER + " (key "
                + certified.certification().publicKey() + ") over the final tree head, size 400"), text);
        assertTrue(text.contains("VERIFIED: all 12 checks passed"), text);
    }

    @Test
    void aRecordFromBeforeAccountsAndCertificationSaysSoAndPasses() {
        VerificationReport report = RecordVerifier.verify(counted);
        assertTrue(report.passed(), report.format());
        assertEquals("no ballot paper account on this record (a record from before accounts were kept)",
                report.check("ballot paper account").summary());
        assertEquals("not certified: no scrutineer's decision on this record yet",
                report.check("certification").summary());
    }

    @Test
    void aDeclaredResultWithoutCertificationFails() {
        assertFailures(RecordVerifier.verify(RecordFixture.with(counted, account, null),
                new CertificationCheck(true, null)),
                Set.of("certification"), "no scrutineer's certification on the record, and a declared result must "
                        + "be certified");
    }

    @Test
    void aChannelsCountedFigureEditedIsCaught() {
        long postal = entries(Channel.POSTAL);
        ChannelAccount a = account.get(Channel.POSTAL);
        assertFailures(withAccount(Channel.POSTAL, new ChannelAccount(a.issued(), a.returned(), a.rejected(),
                a.spoilt(), a.counted() + 1)), Set.of("ballot paper account"),
                "postal: the account counts " + (postal + 1) + " but the record holds " + postal + " postal entries",
                "postal: " + (postal + 3) + " returned but " + (postal + 4) + " rejected, spoilt or counted");
    }

    @Test
    void onlineCredentialsIssuedOtherThanTheMarkedRegisterAreCaught() {
        ChannelAccount a = account.get(Channel.ONLINE);
        long marked = counted.markedRegister().get(Channel.ONLINE);
        assertFailures(withAccount(Channel.ONLINE, new ChannelAccount(a.issued() - 2, a.returned(), a.rejected(),
                a.spoilt(), a.counted())), Set.of("ballot paper account"), "online: the account issued " + (marked - 2)
                + " credentials but the marked register has " + marked + " members issued one");
    }

    @Test
    void moreMarkedForPaperThanPapersIssuedIsCaught() {
        ChannelAccount a = account.get(Channel.IN_PERSON);
        long marked = counted.markedRegister().get(Channel.IN_PERSON);
        assertFailures(withAccount(Channel.IN_PERSON, new ChannelAccount(marked - 1, a.counted() - 1, a.rejected(),
                Map.of(), a.counted() - 1)), Set.of("ballot paper account"),
                "in-person: the account counts " + (a.counted() - 1) + " but the record holds " + a.counted(),
                "in-person: " + marked + " members marked in the register but only " + (marked - 1)
                        + " papers issued");
    }

    @Test
    void aChannelWithVotesButNoAccountIsCaught() {
        Map<Channel, ChannelAccount> partial = new EnumMap<>(account);
        partial.remove(Channel.POSTAL);
        assertFailures(RecordVerifier.verify(RecordFixture.with(counted, partial, certified.certification())),
                Set.of("ballot paper account"), "postal: no account, but " + entries(Channel.POSTAL)
                        + " entries on the record and " + counted.markedRegister().get(Channel.POSTAL)
                        + " marked in the register");
    }

    @Test
    void anEditedPaperVoteIsCaughtEvenUnderAValidCertification() {
        List<RecordEntry> entries = new ArrayList<>(certified.entries());
        int i = firstPaperFor("Ada Lovelace");
        RecordEntry e = entries.get(i);
        entries.set(i, new RecordEntry(e.seq(), e.channel(), e.tracker(), List.of("Bo Diddley"), null, null,
                e.paper(), e.leafHash()));
        assertFailures(RecordVerifier.verify(withEntries(entries)), Set.of("leaf hashes", "tree and chain", "recount"),
                "entry " + i + " (" + e.tracker() + ")");
    }

    @Test
    void aCertificationOverAnEarlierTreeHeadIsCaught() {
        TreeHead first = counted.treeHeads().get(0).head();
        Certification early = RecordFixture.decide(key, counted.ballotId(), first, SCRUTINEER, List.of());
        assertFailures(RecordVerifier.verify(RecordFixture.with(counted, account, early)), Set.of("certification"),
                "the decision is over tree head size 150 (root " + first.rootHash() + "), not the record's final "
                        + "signed head, size 400 (root " + last().rootHash() + ")");
    }

    @Test
    void aCertificationMovedToTheFinalHeadWithoutReSigningIsCaught() {
        Certification early = RecordFixture.decide(key, counted.ballotId(), counted.treeHeads().get(0).head(),
                SCRUTINEER, List.of());
        Certification moved = new Certification(early.decision(), early.reasons(), early.scrutineer(),
                early.publicKey(), last().treeSize(), last().rootHash(), early.signature());
        assertFailures(RecordVerifier.verify(RecordFixture.with(counted, account, moved)), Set.of("certification"),
                "the signature by " + SCRUTINEER + " (key " + early.publicKey() + ") does not verify over this "
                        + "decision on ballot " + counted.ballotId());
    }

    @Test
    void aCertificationUnderAnotherKeyIsCaught() throws Exception {
        Certification c = certified.certification();
        String otherKey = RecordFixture.decide(KeyPairGenerator.getInstance("Ed25519").generateKeyPair(),
                counted.ballotId(), last(), SCRUTINEER, List.of()).publicKey();
        Certification swapped = new Certification(c.decision(), c.reasons(), c.scrutineer(), otherKey, c.treeSize(),
                c.rootHash(), c.signature());
        assertFailures(RecordVerifier.verify(RecordFixture.with(counted, account, swapped)), Set.of("certification"),
                "does not verify");
    }

    @Test
    void aCertificationUnderAKeyOtherThanThePinnedScrutineersIsCaught() throws Exception {
        String pinned = RecordFixture.decide(KeyPairGenerator.getInstance("Ed25519").generateKeyPair(),
                counted.ballotId(), last(), SCRUTINEER, List.of()).publicKey();
        assertFailures(RecordVerifier.verify(certified, new CertificationCheck(false, pinned)),
                Set.of("certification"), "the decision is signed by " + SCRUTINEER + " (key "
                        + certified.certification().publicKey() + "), not by the scrutineer's key " + pinned);
        assertFailures(RecordVerifier.verify(counted, new CertificationCheck(false, pinned)), Set.of("certification"),
                "no scrutineer's certification on the record");
    }

    @Test
    void aRefusalIsAFindingWithItsReasons() {
        Certification refusal = RecordFixture.decide(key, counted.ballotId(), last(), SCRUTINEER,
                List.of("postal batch 3 was keyed by one teller", "the in-person account is short by one"));
        VerificationReport report = RecordVerifier.verify(RecordFixture.with(counted, account, refusal));
        assertFailures(report, Set.of("certification"), "refused by " + SCRUTINEER + ": postal batch 3 was keyed by "
                + "one teller; the in-person account is short by one");
        assertEquals("refused by " + SCRUTINEER, report.check("certification").summary());
        assertEquals(1, report.check("certification").problemCount());
    }

    /** The first paper vote for {@code candidate}, so that moving it to another changes the first stage. */
    private static int firstPaperFor(String candidate) {
        List<RecordEntry> entries = counted.entries();
        for (int i = 0; i < entries.size(); i++) {
            RecordEntry e = entries.get(i);
            if (e.channel().isPaper() && !e.vote().isEmpty() && e.vote().get(0).equals(candidate)) {
                return i;
            }
        }
        throw new IllegalStateException("the fixture has paper votes");
    }

    private static VerificationReport withAccount(Channel channel, ChannelAccount edited) {
        Map<Channel, ChannelAccount> a = new EnumMap<>(account);
        a.put(channel, edited);
        return RecordVerifier.verify(RecordFixture.with(counted, a, certified.certification()));
    }

    private static RecordDocument withEntries(List<RecordEntry> entries) {
        return new RecordDocument(counted.header(), entries, counted.treeHeads(), counted.markedRegister(),
                counted.result(), account, certified.certification());
    }

    private static void assertFailures(VerificationReport report, Set<String> expected, String... details) {
        String text = report.format();
        assertFalse(report.passed(), text);
        Set<String> failed = new TreeSet<>();
        for (CheckResult c : report.checks()) {
            if (!c.passed()) {
                failed.add(c.name());
            }
        }
        assertEquals(new TreeSet<>(expected), failed, text);
        for (String d : details) {
            assertTrue(text.contains(d), "report should mention \"" + d + "\":\n" + text);
        }
    }
}
