package org.selectorate.verifier.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.selectorate.integrity.audit.AuditCodec;
import org.selectorate.integrity.audit.AuditEntry;
import org.selectorate.integrity.audit.AuditFilter;
import org.selectorate.integrity.audit.AuditLink;
import org.selectorate.integrity.audit.AuditLog;
import org.selectorate.integrity.audit.AuditSigner;
import org.selectorate.verifier.check.CheckResult;

/** An exported audit log, honest and then tampered with, through the checks and the printed report. */
class AuditLogVerifierTest {
    private static final AuditSigner SIGNER =
            AuditLogFixture.signer("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");

    private static AuditLog log(AuditFilter filter) {
        return AuditLog.export(AuditLogFixture.SERVICE, SIGNER.publicKey(), filter, AuditLogFixture.chain(SIGNER));
    }

    private static List<String> failed(AuditReport report) {
        return report.checks().stream().filter(c -> !c.passed()).map(CheckResult::name).toList();
    }

    @Test
    void anHonestSelectionExportPassesEveryCheck() {
        AuditLog log = AuditCodec.read(AuditCodec.write(
                log(AuditFilter.within(List.of(), List.of("NW-001")).forSelection("sel-1"))));
        AuditReport report = AuditLogVerifier.verify(log, SIGNER.publicKey());
        assertTrue(report.passed(), report.format());
        String text = report.format();
        assertTrue(text.startsWith("audit log of ballot-service: 6 entries (2 shown) for selection sel-1 in regions [] "
                + "and constituencies [NW-001]\n"), text);
        assertTrue(text.contains("PASS  selection: 2 entries of selection sel-1"), text);
        assertTrue(text.contains("PASS  sequence: seq 1 to 6, each once and in order"), text);
        assertTrue(text.endsWith("VERIFIED: all 6 checks passed; head seq 6 "
                + AuditLogFixture.chain(SIGNER).get(5).hash() + " (a later export must hold the same)\n"), text);
    }

    @Test
    void aGapAnEditAndAReorderEachFailTheirCheck() {
        AuditLog log = log(AuditFilter.everywhere());
        List<AuditLink> gap = new ArrayList<>(log.entries());
        gap.remove(3);
        AuditReport report = AuditLogVerifier.verify(with(log, gap), null);
        assertEquals(List.of("sequence"), failed(report));
        assertEquals(List.of("seq 4: missing from the chain"), report.check("sequence").problems());
        assertTrue(report.format().endsWith("NOT VERIFIED: 1 of 6 checks failed; first: seq 4: missing from the "
                + "chain\n"), report.format());

        String file = AuditCodec.write(log);
        AuditLog edited = AuditCodec.read(file.replace("every elector has voted", "the hall flooded"));
        assertEquals(List.of("entry hashes"), failed(AuditLogVerifier.verify(edited, null)));

        List<AuditLink> swapped = new ArrayList<>(log.entries());
        swapped.set(4, log.entries().get(5));
        swapped.set(5, log.entries().get(4));
        report = AuditLogVerifier.verify(with(log, swapped), null);
        assertEquals(List.of("sequence"), failed(report));
        assertEquals(List.of("seq 5: appears after seq 6"), report.check("sequence").problems());
    }

    @Test
    void anotherKeyAndAForgedSignatureFailTheirChecks() {
        AuditLog log = log(AuditFilter.everywhere());
        AuditSigner other = AuditLogFixture.signer("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        assertEquals(List.of("audit key"), failed(AuditLogVerifier.verify(log, other.publicKey())));

        AuditEntry second = (AuditEntry) log.entries().get(1);
        List<AuditLink> forged = new ArrayList<>(log.entries());
        forged.set(1, new AuditEntry(second.service(), 2, second.previous(), second.actor(), second.action(),
                second.time(), second.hash(), log.entries().get(2).signature()));
        AuditReport report = AuditLogVerifier.verify(with(log, forged), null);
        assertEquals(List.of("signatures"), failed(report));
        assertEquals(1, report.check("signatures").problemCount());
    }

    @Test
    void aSelectionsEntryWithheldFailsTheSelectionCheck() {
        AuditLog log = log(AuditFilter.everywhere().forSelection("sel-1"));
        List<AuditLink> hiding = new ArrayList<>(log.entries());
        hiding.set(4, ((AuditEntry) log.entries().get(4)).elided());
        AuditReport report = AuditLogVerifier.verify(with(log, hiding), null);
        assertEquals(List.of("selection"), failed(report));
        assertFalse(report.passed());
        assertTrue(report.check("selection").problems().get(0).startsWith("seq 5: withheld, though in the log's "
                + "selection sel-1"), report.check("selection").problems().toString());
    }

    private static AuditLog with(AuditLog log, List<AuditLink> entries) {
        return new AuditLog(log.service(), log.publicKey(), log.filter(), entries);
    }
}
