package org.selectorate.integrity.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.selectorate.integrity.audit.AuditProblem.Kind;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.integrity.encoding.Hex;

/**
 * The audit chain with fixed keys (RFC 8032 test seeds), fixed actions and fixed times, so every hash and signature
 * below is a vector another implementation must reproduce (the genesis, the first entry's details hash, hash and
 * signature were reproduced independently with Python's hashlib and pyca/cryptography); then each kind of tampering,
 * and each misuse refused.
 */
class AuditChainTest {
    static final String SERVICE = "membership-service";
    /** RFC 8032 §7.1 TEST 1 and TEST 2 secret keys. */
    static final String SEED_1 = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    static final String SEED_2 = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
    static final AuditActor HQ = new AuditActor("5f0c9a52-hq", "hq", List.of("hq-admin"));
    static final AuditActor SCRUTINEER = new AuditActor("a41e77d0-scr", "scrutineer", List.of("scrutineer"));
    static final AuditScope NW_001 = AuditScope.constituency("NW", "NW-001");
    static final AuditScope SELECTION = AuditScope.selection("NW", "NW-001", "sel-1");

    /** An Ed25519 key from a fixed 32-byte seed: the JDK draws exactly the private key from the random source. */
    static AuditSigner signer(String seed) {
        byte[] bytes = Hex.decode(seed);
        return AuditSigner.generate(new SecureRandom() {
            @Override
            public void nextBytes(byte[] out) {
                assertEquals(32, out.length);
                System.arraycopy(bytes, 0, out, 0, 32);
            }
        });
    }

    /** Five actions, the last two on selection sel-1, at fixed times. */
    static List<AuditEntry> chain(AuditSigner signer) {
        List<AuditAction> actions = List.of(
                AuditAction.named("region.create").in(AuditScope.region("NW")).on("region/NW")
                        .after(AuditState.of(Map.of("code", "NW", "name", "North West"))).build(),
                AuditAction.named("members.import").in(NW_001).on("constituency/NW-001/members")
                        .after(AuditState.of(Map.of("rows", 3, "imported", 3, "rejected", 0))).build(),
                AuditAction.named("member.contact.change").in(NW_001).on("member/NW-001/M1")
                        .before(AuditState.digestOf(Map.of("email", "old@example.org")))
                        .after(AuditState.digestOf(Map.of("email", "new@example.org"))).build(),
                AuditAction.named("roll.freeze").in(SELECTION).on("selection/sel-1/roll")
                        .after(AuditState.of(Map.of("version", 1, "electorate", 3))).build(),
                AuditAction.named("roll.change.propose").in(SELECTION).on("roll-change/c-1")
                        .after(AuditState.of(Map.of("action", "remove", "membershipNumber", "M2")))
                        .reason("member died before the freeze").build());
        List<AuditEntry> out = new ArrayList<>();
        AuditHead head = AuditHead.genesis(SERVICE, signer.publicKey());
        Instant t = Instant.parse("2026-05-01T09:00:00.750Z");
        for (AuditAction a : actions) {
            AuditEntry e = signer.append(head, HQ, a, t);
            out.add(e);
            head = e.head();
            t = t.plusSeconds(61);
        }
        return out;
    }

    static AuditLog log(AuditSigner signer) {
        return AuditLog.export(SERVICE, signer.publicKey(), AuditFilter.everywhere(), chain(signer));
    }

    static List<Kind> kinds(AuditLog log) {
        return AuditVerifier.verify(log, null).stream().map(AuditProblem::kind).toList();
    }

    static AuditLog withEntries(AuditLog log, List<AuditLink> entries) {
        return new AuditLog(log.service(), log.publicKey(), log.filter(), entries);
    }

    @Test
    void aFixedSeedGivesTheRfc8032KeyAndFixedHashesAndSignatures() {
        AuditSigner signer = signer(SEED_1);
        assertEquals(Base64Url.encode(Hex.decode("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")),
                signer.publicKey().encoded());
        assertEquals("8a0cacf96b7e83b6a0d9701385cdf11c2df51893bea20983e622e1a04461b3b2", AuditHead.genesis(SERVICE, signer.publicKey()).hash().hex());
        List<AuditEntry> chain = chain(signer);
        AuditEntry first = chain.get(0);
        assertEquals("2026-05-01T09:00:00Z", first.time(), "kept to the second");
        assertEquals("{\"action\":\"region.create\",\"actor\":{\"roles\":[\"hq-admin\"],\"subject\":\"5f0c9a52-hq\","
                + "\"username\":\"hq\"},\"after\":{\"sha256\":\"5d982b1da9b2204422699ca3886eaaac8f2fa85869832107238f7c570706168f\","
                + "\"value\":{\"code\":\"NW\",\"name\":\"North West\"}},\"before\":null,\"coSigner\":null,\"reason\":null,"
                + "\"target\":\"region/NW\",\"time\":\"2026-05-01T09:00:00Z\"}", AuditCodec.detailsJson(first));
        assertEquals("60f5456630722e2c36ecd20ff7ed6b5acf267b8c9362fe8d8c68e45d182bdb2a", first.detailsHash());
        assertEquals(List.of(
                "9c26d3ef48f0a8b097ae18f51eef55887b649138d62c5cb9181df7a2d35a0fb9",
                "bb8d977ebeab5fc709e258a3ea0975005161fd6d515ad2cb02d0d8003b25a8df",
                "5aca969dbc64a65d69fa365179d502660830388f41fef3f9bee965ab129aca25",
                "0aa0065e4322f6df1bce495176ef8bec1c40a2c21ac493601add8622dc1282e0",
                "c103655f9c6a2acc26556b8640e720e037a67fb34ff09f01a9f5bdae864d2a1c"), chain.stream().map(AuditEntry::hash).toList());
        assertEquals("gxKrShNh-J4esTTq5AKb8VeqBBPfLmHYMLGarUSSBjTtflaQGEgMnoUFaH7yVyMS5wfnkIyTYrv8P-GqqfFfAg", first.signature());
    }

    @Test
    void anHonestLogVerifiesAfterARoundTripThroughItsFile() {
        AuditSigner signer = signer(SEED_1);
        AuditLog log = log(signer);
        String file = AuditCodec.write(log);
        AuditLog read = AuditCodec.read(file);
        assertEquals(file, AuditCodec.write(read), "one log, one file");
        assertEquals(List.of(), AuditVerifier.verify(read, signer.publicKey()));
        assertEquals(5, AuditVerifier.head(read).seq());
        assertEquals(chain(signer).get(4).hash(), AuditVerifier.head(read).hash().hex());
    }

    @Test
    void aMissingEntryIsAGap() {
        AuditLog log = log(signer(SEED_1));
        List<AuditLink> entries = new ArrayList<>(log.entries());
        entries.remove(1);
        entries.remove(1);
        List<AuditProblem> problems = AuditVerifier.verify(withEntries(log, entries), null);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(Kind.GAP, problems.get(0).kind());
        assertEquals(2, problems.get(0).seq());
        assertEquals("seq 2: missing from the chain, with every entry up to seq 3", problems.get(0).toString());
    }

    @Test
    void anEditedEntryNoLongerMatchesItsHash() {
        String file = AuditCodec.write(log(signer(SEED_1)));
        AuditLog edited = AuditCodec.read(file.replace("member died before the freeze", "member moved away"));
        List<AuditProblem> problems = AuditVerifier.verify(edited, null);
        assertEquals(List.of(new AuditProblem(Kind.EDITED, 5, "its content does not match its hash")), problems);
    }

    @Test
    void anEditRehashedWithoutTheKeyFailsItsSignatureAndBreaksTheChain() {
        AuditSigner signer = signer(SEED_1);
        AuditLog log = log(signer);
        AuditEntry third = (AuditEntry) log.entries().get(2);
        AuditAction forged = AuditAction.named("member.contact.change").in(NW_001).on("member/NW-001/M9")
                .after(AuditState.digestOf(Map.of("email", "new@example.org"))).build();
        String rehash = AuditEntry.hash(SERVICE, 3, third.previous(), NW_001,
                AuditEntry.detailsHash(HQ, forged, third.time())).hex();
        List<AuditLink> entries = new ArrayList<>(log.entries());
        entries.set(2, new AuditEntry(SERVICE, 3, third.previous(), HQ, forged, third.time(), rehash,
                third.signature()));
        assertEquals(List.of(Kind.BAD_SIGNATURE, Kind.BROKEN_CHAIN), kinds(withEntries(log, entries)));
        assertEquals(4, AuditVerifier.verify(withEntries(log, entries), null).get(1).seq());
    }

    @Test
    void entriesOutOfOrderOrRepeatedAreAReorder() {
        AuditLog log = log(signer(SEED_1));
        List<AuditLink> swapped = new ArrayList<>(log.entries());
        swapped.set(1, log.entries().get(2));
        swapped.set(2, log.entries().get(1));
        assertEquals(List.of(new AuditProblem(Kind.REORDER, 2, "appears after seq 3")),
                AuditVerifier.verify(withEntries(log, swapped), null));

        List<AuditLink> repeated = new ArrayList<>(log.entries());
        repeated.add(2, log.entries().get(1));
        assertEquals(List.of(new AuditProblem(Kind.REORDER, 2, "appears more than once")),
                AuditVerifier.verify(withEntries(log, repeated), null));
    }

    @Test
    void entriesRenumberedIntoAnotherOrderAreAReorderToo() {
        AuditLog log = log(signer(SEED_1));
        AuditEntry second = (AuditEntry) log.entries().get(1);
        AuditEntry third = (AuditEntry) log.entries().get(2);
        List<AuditLink> renumbered = new ArrayList<>(log.entries());
        renumbered.set(1, new AuditEntry(SERVICE, 2, third.previous(), third.actor(), third.action(), third.time(),
                third.hash(), third.signature()));
        renumbered.set(2, new AuditEntry(SERVICE, 3, second.previous(), second.actor(), second.action(),
                second.time(), second.hash(), second.signature()));
        List<AuditProblem> problems = AuditVerifier.verify(withEntries(log, renumbered), null);
        assertTrue(problems.contains(new AuditProblem(Kind.REORDER, 2, "chained after seq 3, not seq 1")),
                problems.toString());
        assertTrue(problems.contains(new AuditProblem(Kind.REORDER, 4, "chained after seq 2, not seq 3")),
                problems.toString());
    }

    @Test
    void aSignatureFromAnotherEntryIsABadSignature() {
        AuditLog log = log(signer(SEED_1));
        AuditEntry second = (AuditEntry) log.entries().get(1);
        List<AuditLink> entries = new ArrayList<>(log.entries());
        entries.set(1, new AuditEntry(SERVICE, 2, second.previous(), second.actor(), second.action(), second.time(),
                second.hash(), log.entries().get(0).signature()));
        assertEquals(List.of(new AuditProblem(Kind.BAD_SIGNATURE, 2,
                "its signed head does not verify under the log's key")), AuditVerifier.verify(withEntries(log, entries), null));
    }

    @Test
    void aLogUnderAnotherKeyIsAWrongKey() {
        AuditSigner signer = signer(SEED_1);
        AuditKey other = signer(SEED_2).publicKey();
        AuditLog log = log(signer);
        assertEquals(List.of(new AuditProblem(Kind.WRONG_KEY, 0, "signed with key "
                + signer.publicKey().fingerprint() + ", not the expected " + other.fingerprint())),
                AuditVerifier.verify(log, other));

        AuditLog relabelled = new AuditLog(SERVICE, other, log.filter(), log.entries());
        List<AuditProblem> problems = AuditVerifier.verify(relabelled, null);
        assertEquals(new AuditProblem(Kind.WRONG_KEY, 1,
                "the chain was started under another key or service than the log names"), problems.get(0));
        assertEquals(5, problems.stream().filter(p -> p.kind() == Kind.BAD_SIGNATURE).count());
    }

    @Test
    void aSelectionExportShowsItsEntriesAndWithholdsTheRestCheckably() {
        AuditSigner signer = signer(SEED_1);
        AuditFilter filter = AuditFilter.within(List.of(), List.of("NW-001")).forSelection("sel-1");
        AuditLog log = AuditLog.export(SERVICE, signer.publicKey(), filter, chain(signer));
        assertEquals(List.of(4L, 5L), log.shown().stream().map(AuditEntry::seq).toList());
        String file = AuditCodec.write(log);
        assertFalse(file.contains("old@example.org") || file.contains("North West"), "withheld details stay out");
        assertEquals(List.of(), AuditVerifier.verify(AuditCodec.read(file), signer.publicKey()));

        List<AuditLink> hiding = new ArrayList<>(log.entries());
        hiding.set(4, ((AuditEntry) log.entries().get(4)).elided());
        hiding.set(1, chain(signer).get(1));
        assertEquals(List.of(Kind.FILTER, Kind.FILTER), kinds(withEntries(log, hiding)));
    }

    @Test
    void aScrutineerOfOneConstituencySeesItsEntriesAndNationalOnes() {
        AuditFilter nw001 = AuditFilter.within(List.of(), List.of("NW-001"));
        assertTrue(nw001.matches(AuditScope.NATIONAL));
        assertTrue(nw001.matches(SELECTION));
        assertFalse(nw001.matches(AuditScope.region("NW")));
        assertFalse(nw001.matches(AuditScope.constituency("NW", "NW-002")));
        assertTrue(AuditFilter.within(List.of("NW"), List.of()).matches(AuditScope.constituency("NW", "NW-002")));
        assertFalse(AuditFilter.everywhere().forSelection("sel-2").matches(SELECTION));
    }

    @Test
    void statesAreKeptWholeOnlyWhenSmallAndShownStatesMustMatchTheirHash() {
        assertTrue(AuditState.of(Map.of("version", 1)).value().isPresent());
        assertFalse(AuditState.of(Map.of("big", "x".repeat(AuditState.INLINE_LIMIT))).value().isPresent());
        AuditState contact = AuditState.digestOf(Map.of("email", "a@example.org"));
        assertFalse(contact.value().isPresent());
        assertEquals(AuditState.of(Map.of("email", "a@example.org")).sha256(), contact.sha256());

        String file = AuditCodec.write(log(signer(SEED_1)));
        AuditLog edited = AuditCodec.read(file.replace("\"electorate\":3", "\"electorate\":4"));
        assertEquals(List.of(Kind.EDITED), kinds(edited));
    }

    @Test
    void misuseIsRefused() {
        AuditSigner signer = signer(SEED_1);
        AuditHead genesis = AuditHead.genesis(SERVICE, signer.publicKey());
        Instant now = Instant.parse("2026-05-01T09:00:00Z");
        AuditAction selfCosigned = AuditAction.named("roll.change.approve").in(SELECTION).on("roll-change/c-1")
                .coSignedBy(HQ.subject()).build();
        assertThrows(IllegalArgumentException.class, () -> signer.append(genesis, HQ, selfCosigned, now));
        assertThrows(IllegalArgumentException.class, () -> new AuditScope(null, null, "sel-1"));
        assertThrows(IllegalArgumentException.class, () -> AuditAction.named("Roll Freeze").on("x").build());
        assertThrows(IllegalArgumentException.class, () -> AuditAction.named("roll.freeze").build());
        assertThrows(IllegalArgumentException.class, () -> AuditState.of(null));
        assertThrows(IllegalArgumentException.class, () -> AuditState.of(Map.of("when", now)));
        AuditAction freeze = AuditAction.named("roll.freeze").in(SELECTION).on("selection/sel-1/roll").build();
        AuditHead otherGenesis = AuditHead.genesis(SERVICE, signer(SEED_2).publicKey());
        assertThrows(IllegalArgumentException.class, () -> signer.append(otherGenesis, HQ, freeze, now));
        assertThrows(IllegalArgumentException.class,
                () -> AuditSigner.fromKeys(signer.pkcs8(), signer(SEED_2).publicKey().encoded()));
        AuditSigner restored = AuditSigner.fromKeys(signer.pkcs8(), signer.publicKey().encoded());
        assertEquals(signer.append(genesis, SCRUTINEER, freeze, now), restored.append(genesis, SCRUTINEER, freeze, now),
                "Ed25519 is deterministic: the same key appends the same entry");
    }

    @Test
    void aMalformedFileSaysWhere() {
        String file = AuditCodec.write(log(signer(SEED_1)));
        MalformedAuditLogException e = assertThrows(MalformedAuditLogException.class,
                () -> AuditCodec.read(file.replace("\"coSigner\":null,", "\"coSigner\":null,\"extra\":1,")));
        assertEquals("$.entries[0].details: unknown member \"extra\"", e.getMessage());
        assertThrows(MalformedAuditLogException.class, () -> AuditCodec.read("{\"schema\":\"selectorate-record/1\"}"));
        assertThrows(MalformedAuditLogException.class, () -> AuditCodec.read("not json"));
        AuditEntry first = chain(signer(SEED_1)).get(0);
        assertEquals(first, AuditCodec.storedEntry(SERVICE, 1, first.previous(), first.scope(),
                AuditCodec.detailsJson(first), first.hash(), first.signature()));
    }
}
