package org.selectorate.cli.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditActor;
import org.selectorate.integrity.audit.AuditCodec;
import org.selectorate.integrity.audit.AuditEntry;
import org.selectorate.integrity.audit.AuditFilter;
import org.selectorate.integrity.audit.AuditHead;
import org.selectorate.integrity.audit.AuditLog;
import org.selectorate.integrity.audit.AuditScope;
import org.selectorate.integrity.audit.AuditSigner;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.json.Json;
import picocli.CommandLine;

/** {@code selectorate verify --audit FILE}: an exported audit log checked with nothing but the file. */
class VerifyAuditTest {
    private static AuditSigner signer;
    private static String logJson;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void log() {
        signer = AuditSigner.generate(new SecureRandom());
        AuditActor hq = new AuditActor("sub-hq", "hq", List.of("hq-admin"));
        AuditScope scope = AuditScope.selection("NW", "NW-001", "sel-1");
        AuditHead head = AuditHead.genesis("tally-service", signer.publicKey());
        List<AuditEntry> chain = new ArrayList<>();
        Instant t = Instant.parse("2026-05-01T09:00:00Z");
        for (int i = 1; i <= 4; i++) {
            AuditEntry e = signer.append(head, hq, AuditAction.named("paper.batch.enter").in(scope)
                    .on("batch/postal-" + i).after(AuditState.of(Map.of("papers", 10 * i))).build(), t.plusSeconds(i));
            chain.add(e);
            head = e.head();
        }
        logJson = AuditCodec.write(AuditLog.export("tally-service", signer.publicKey(), AuditFilter.everywhere(), chain));
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new VerifyCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private Path write(String json) throws Exception {
        Path f = dir.resolve("audit.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void anHonestLogPassesAndSaysWhatWasChecked() throws Exception {
        assertEquals(0, run("--audit", write(logJson).toString(), "--expect-key", signer.publicKey().encoded()),
                out + "" + err);
        String text = out.toString();
        assertTrue(text.startsWith("audit log of tally-service: 4 entries (4 shown) for all selections in every area"),
                text);
        for (String check : List.of("audit key", "sequence", "entry hashes", "chain", "signatures", "selection")) {
            assertTrue(text.contains("PASS  " + check + ": "), text);
        }
        assertTrue(text.contains("VERIFIED: all 6 checks passed; head seq 4 "), text);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMissingEntryFailsWithExitOneAndAOneLineVerdict() throws Exception {
        Map<String, Object> log = new java.util.LinkedHashMap<>((Map<String, Object>) Json.parse(logJson));
        List<Object> entries = new ArrayList<>((List<Object>) log.get("entries"));
        entries.remove(1);
        log.put("entries", entries);
        String withoutSecond = CanonicalJson.write(log);
        assertEquals(1, run("--audit", write(withoutSecond).toString()), out + "" + err);
        String text = out.toString();
        assertTrue(text.contains("FAIL  sequence"), text);
        assertTrue(text.strip().lines().reduce((a, b) -> b).orElseThrow()
                .equals("NOT VERIFIED: 1 of 6 checks failed; first: seq 2: missing from the chain"), text);
    }

    @Test
    void anEditedEntryOrAnotherKeyFails() throws Exception {
        assertEquals(1, run("--audit", write(logJson.replace("\"papers\":20", "\"papers\":21")).toString()));
        assertTrue(out.toString().contains("FAIL  entry hashes"), out.toString());
        out.getBuffer().setLength(0);
        String other = AuditSigner.generate(new SecureRandom()).publicKey().encoded();
        assertEquals(1, run("--audit", write(logJson).toString(), "--expect-key", other));
        assertTrue(out.toString().contains("FAIL  audit key"), out.toString());
    }

    @Test
    void aMalformedFileOrAMisuseIsOneLineAndExitTwo() throws Exception {
        assertEquals(2, run("--audit", write("{\"schema\":\"selectorate-audit-log/1\"}").toString()));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains("is not a valid audit log: $: missing \"service\""), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run());
        assertTrue(err.toString().startsWith("error: give either RECORD.json"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("--audit", write(logJson).toString(), "--expect-key", "not-a-key"));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }
}
