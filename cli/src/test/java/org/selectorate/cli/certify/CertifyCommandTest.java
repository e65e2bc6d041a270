package org.selectorate.cli.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selectorate.cli.verify.PaperRecord;
import org.selectorate.cli.verify.VerifyCommand;
import org.selectorate.integrity.json.Json;
import org.selectorate.integrity.record.Certification;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.TreeHead;
import picocli.CommandLine;

/** A scrutineer makes a key, signs a decision on an exported record, and the verifier accepts or reports it. */
class CertifyCommandTest {
    private static RecordDocument counted;

    @TempDir
    Path dir;

    private Path record;
    private Path key;
    private String publicKey;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void record() {
        counted = PaperRecord.counted();
    }

    @BeforeEach
    void scrutineerWithAKey() throws Exception {
        record = dir.resolve("export.json");
        Files.writeString(record, RecordCodec.write(counted));
        key = dir.resolve("scrutineer.key");
        assertEquals(0, run(new ScrutineerKeyCommand(), "--out", key.toString()), err.toString());
        publicKey = out.toString().strip();
        out.getBuffer().setLength(0);
    }

    private int run(Callable<Integer> command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> body() {
        return (Map<String, Object>) Json.parse(out.toString().strip());
    }

    @SuppressWarnings("unchecked")
    private static Certification certification(Map<String, Object> body) {
        return new Certification((String) body.get("decision"), (List<String>) body.get("reasons"),
                (String) body.get("scrutineer"), (String) body.get("publicKey"), (Long) body.get("treeSize"),
                (String) body.get("rootHash"), (String) body.get("signature"));
    }

    /** The record as published once the platform has accepted the decision. */
    private Path withDecision(Certification c) throws Exception {
        Path f = dir.resolve("decided.json");
        Files.writeString(f, RecordCodec.write(new RecordDocument(counted.header(), counted.entries(),
                counted.treeHeads(), counted.markedRegister(), counted.result(), counted.paperAccount(), c)));
        return f;
    }

    @Test
    void theKeyFileIsTheOwnersAloneAndItsPublicKeyIsPrintedAsPublished() throws Exception {
        assertTrue(publicKey.matches("[A-Za-z0-9_-]{43}"), publicKey);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        String text = Files.readString(key);
        assertTrue(text.startsWith("-----BEGIN PRIVATE KEY-----\n"), text);
        assertTrue(text.contains("-----BEGIN PUBLIC KEY-----\n"), text);
        assertEquals(publicKey, ScrutineerKey.read(key).publicKey());
    }

    @Test
    void anExistingKeyFileIsNeverOverwritten() throws Exception {
        String before = Files.readString(key);
        assertEquals(2, run(new ScrutineerKeyCommand(), "--out", key.toString()));
        assertEquals("error: " + key + " exists; a key file is never overwritten", err.toString().strip());
        assertEquals(before, Files.readString(key));
        assertEquals("", out.toString());
    }

    @Test
    void aCertificationIsSignedOverTheFinalTreeHeadAndVerifies() throws Exception {
        assertEquals(0, run(new CertifyCommand(), "--record", record.toString(), "--key", key.toString(),
                "--scrutineer", "Sam Okafor"), err.toString());
        Map<String, Object> body = body();
        assertEquals(List.of("decision", "publicKey", "reasons", "rootHash", "scrutineer", "signature", "treeSize"),
                List.copyOf(body.keySet()));
        TreeHead last = PaperRecord.finalHead(counted);
        assertEquals("certified", body.get("decision"));
        assertEquals(List.of(), body.get("reasons"));
        assertEquals("Sam Okafor", body.get("scrutineer"));
        assertEquals(publicKey, body.get("publicKey"));
        assertEquals(last.treeSize(), body.get("treeSize"));
        assertEquals(last.rootHash(), body.get("rootHash"));
        Certification c = certification(body);
        assertTrue(c.verify(counted.ballotId()));

        out.getBuffer().setLength(0);
        assertEquals(0, run(new VerifyCommand(), withDecision(c).toString(), "--scrutineer-key", publicKey),
                out + "" + err);
        assertTrue(out.toString().contains("PASS  certification: certified by Sam Okafor (key " + publicKey + ")"),
                out.toString());
    }

    @Test
    void aDecisionUnderAnotherKeyThanTheScrutineersFailsWhenTheirKeyIsGiven() throws Exception {
        Path other = dir.resolve("other.key");
        assertEquals(0, run(new ScrutineerKeyCommand(), "--out", other.toString()));
        out.getBuffer().setLength(0);
        assertEquals(0, run(new CertifyCommand(), "--record", record.toString(), "--key", other.toString(),
                "--scrutineer", "Sam Okafor"), err.toString());
        Certification forged = certification(body());
        out.getBuffer().setLength(0);
        assertEquals(1, run(new VerifyCommand(), withDecision(forged).toString(), "--scrutineer-key", publicKey));
        assertTrue(out.toString().contains("the decision is signed by Sam Okafor (key " + forged.publicKey()
                + "), not by the scrutineer's key " + publicKey), out.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run(new VerifyCommand(), withDecision(forged).toString(), "--scrutineer-key", "abc"));
        assertTrue(err.toString().startsWith("error: --scrutineer-key is not an Ed25519 public key (base64url): "),
                err.toString());
    }

    @Test
    void aRefusalCarriesItsReasonsAndTheVerifierReportsThem() throws Exception {
        assertEquals(0, run(new CertifyCommand(), "--record", record.toString(), "--key", key.toString(),
                "--scrutineer", "Sam Okafor", "--refuse", "postal batch 1 was keyed by one teller",
                "--refuse", "the hall count is one short"), err.toString());
        Map<String, Object> body = body();
        assertEquals("refused", body.get("decision"));
        assertEquals(List.of("postal batch 1 was keyed by one teller", "the hall count is one short"),
                body.get("reasons"));
        Certification c = certification(body);
        assertTrue(c.verify(counted.ballotId()));

        out.getBuffer().setLength(0);
        assertEquals(1, run(new VerifyCommand(), withDecision(c).toString()));
        assertTrue(out.toString().contains("FAIL  certification: refused by Sam Okafor (1 problem)\n"
                + "        refused by Sam Okafor: postal batch 1 was keyed by one teller; the hall count is one short"),
                out.toString());
    }

    @Test
    void aRecordThatDoesNotVerifyIsNotCertifiedButMayBeRefused() throws Exception {
        Files.writeString(record, RecordCodec.write(counted).replace("\"postal\":{\"counted\":3,",
                "\"postal\":{\"counted\":4,"));
        assertEquals(1, run(new CertifyCommand(), "--record", record.toString(), "--key", key.toString(),
                "--scrutineer", "Sam Okafor"));
        assertEquals("error: " + record + " does not verify (ballot paper account; selectorate verify says why); "
                + "refuse it with --refuse REASON instead", err.toString().strip());
        assertEquals("", out.toString());
        assertEquals(0, run(new CertifyCommand(), "--record", record.toString(), "--key", key.toString(),
                "--scrutineer", "Sam Okafor", "--refuse", "the postal account counts a paper the record lacks"));
        assertEquals("refused", body().get("decision"));
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Path loose = dir.resolve("loose.key");
        Files.writeString(loose, Files.readString(key));
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
        Path notAKey = dir.resolve("not.key");
        Files.writeString(notAKey, "hello");
        Files.setPosixFilePermissions(notAKey, PosixFilePermissions.fromString("rw-------"));
        Path uncounted = dir.resolve("uncounted.json");
        Files.writeString(uncounted, RecordCodec.write(new RecordDocument(counted.header(), counted.entries(),
                counted.treeHeads(), counted.markedRegister(), null)));
        Map<List<String>, String> cases = Map.of(
                List.of("--record", dir.resolve("missing.json").toString(), "--key", key.toString()),
                "error: cannot read " + dir.resolve("missing.json") + " (NoSuchFileException)",
                List.of("--record", record.toString(), "--key", loose.toString()),
                "error: " + loose + " can be read or written by others (mode rw-r--r--); chmod 600 it",
                List.of("--record", record.toString(), "--key", notAKey.toString()),
                "error: " + notAKey + " is not a scrutineer's key file (selectorate scrutineer-key writes one): "
                        + "no PRIVATE KEY block",
                List.of("--record", uncounted.toString(), "--key", key.toString()),
                "error: ballot b-paper has not been counted; a decision is on the counted record and its final "
                        + "tree head");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            err.getBuffer().setLength(0);
            List<String> args = new ArrayList<>(c.getKey());
            args.addAll(List.of("--scrutineer", "Sam Okafor"));
            assertEquals(2, run(new CertifyCommand(), args.toArray(String[]::new)), c.getValue());
            assertEquals(c.getValue(), err.toString().strip());
        }
        err.getBuffer().setLength(0);
        assertEquals(2, run(new CertifyCommand(), "--record", record.toString(), "--key", key.toString(),
                "--scrutineer", " "));
        assertEquals("error: --scrutineer names you", err.toString().strip());
        err.getBuffer().setLength(0);
        assertEquals(2, run(new CertifyCommand(), "--record", record.toString(), "--key", key.toString(),
                "--scrutineer", "Sam Okafor", "--refuse", ""));
        assertEquals("error: a --refuse reason says why", err.toString().strip());
        assertEquals("", out.toString());
    }
}
