package org.selectorate.cli.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.RecordEntry;
import picocli.CommandLine;

/**
 * {@code selectorate verify} on an exported record with its ballot paper account and certification: an honest one
 * passes; one channel's figure or one paper entry edited in the file, or a certification over another head or
 * with another's signature, fails with a finding that says what.
 */
class VerifyAccountAndCertificationTest {
    private static RecordDocument counted;
    private static String uncertifiedJson;
    private static String certifiedJson;
    private static RecordDocument earlyCertified;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void records() throws Exception {
        counted = PaperRecord.counted();
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        uncertifiedJson = RecordCodec.write(counted);
        certifiedJson = RecordCodec.write(PaperRecord.certified(counted, key, PaperRecord.finalHead(counted)));
        earlyCertified = PaperRecord.certified(counted, key, counted.treeHeads().get(0).head());
    }

    private int verify(String json, String... options) throws Exception {
        Path f = dir.resolve("record.json");
        Files.writeString(f, json);
        CommandLine cli = new CommandLine(new VerifyCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] args = new String[options.length + 1];
        args[0] = f.toString();
        System.arraycopy(options, 0, args, 1, options.length);
        return cli.execute(args);
    }

    private void assertSays(String... lines) {
        for (String line : lines) {
            assertTrue(out.toString().contains(line), "should say \"" + line + "\":\n" + out + err);
        }
    }

    @Test
    void aCertifiedRecordWhoseAccountReconcilesPasses() throws Exception {
        assertEquals(0, verify(certifiedJson, "--certified"), out + "" + err);
        assertSays("PASS  ballot paper account: every channel reconciles: online issued 5, returned 4, counted 4; "
                        + "postal issued 5, returned 4, rejected 1, counted 3; in-person issued 3, returned 3, "
                        + "spoilt 1, counted 2",
                "PASS  certification: certified by Sam Okafor (key ",
                ") over the final tree head, size 9",
                "VERIFIED: all 12 checks passed");
    }

    @Test
    void aRecordNotYetCertifiedPassesAsSuchAndFailsWhenCertificationIsRequired() throws Exception {
        assertEquals(0, verify(uncertifiedJson), out + "" + err);
        assertSays("PASS  certification: not certified: no scrutineer's decision on this record yet");
        out.getBuffer().setLength(0);
        assertEquals(1, verify(uncertifiedJson, "--certified"), out + "" + err);
        assertSays("FAIL  certification: not certified (1 problem)",
                "no scrutineer's certification on the record, and a declared result must be certified",
                "NOT VERIFIED: 1 of 12 checks failed");
    }

    @Test
    void oneChannelsCountEditedFails() throws Exception {
        String edited = certifiedJson.replace("\"postal\":{\"counted\":3,", "\"postal\":{\"counted\":4,");
        assertNotEquals(certifiedJson, edited);
        assertEquals(1, verify(edited));
        assertSays("FAIL  ballot paper account: the ballot paper account does not reconcile with the entries and "
                        + "the marked register (2 problems)",
                "postal: 4 returned but 5 rejected, spoilt or counted",
                "postal: the account counts 4 but the record holds 3 postal entries",
                "NOT VERIFIED: 1 of 12 checks failed");
    }

    @Test
    void onePaperVoteEditedFails() throws Exception {
        RecordEntry e = counted.entries().get(5);
        String vote = "\"seq\":5,\"tracker\":\"" + e.tracker() + "\",\"vote\":";
        String edited = certifiedJson.replace(vote + "[\"B\",\"A\"]", vote + "[\"C\",\"A\"]");
        assertNotEquals(certifiedJson, edited);
        assertEquals(1, verify(edited));
        assertSays("FAIL  leaf hashes", "entry 5 (" + e.tracker() + "): content does not match its leaf hash",
                "FAIL  tree and chain", "FAIL  recount", "PASS  ballot paper account", "PASS  certification",
                "NOT VERIFIED: 3 of 12 checks failed");
    }

    @Test
    void onePaperReferenceEditedFails() throws Exception {
        String edited = certifiedJson.replace("\"batch\":\"postal-1\",\"item\":2}",
                "\"batch\":\"postal-1\",\"item\":7}");
        assertNotEquals(certifiedJson, edited);
        assertEquals(1, verify(edited));
        RecordEntry e = counted.entries().get(5);
        assertSays("FAIL  entries well-formed", "entry 5 (" + e.tracker() + "): tracker should be ",
                "FAIL  leaf hashes", "FAIL  tree and chain", "NOT VERIFIED: 3 of 12 checks failed");
    }

    @Test
    void aCertificationOverAnotherTreeHeadFails() throws Exception {
        assertEquals(1, verify(RecordCodec.write(earlyCertified)));
        assertSays("FAIL  certification: the certification does not hold for this record (1 problem)",
                "the decision is over tree head size 5 (root " + earlyCertified.certification().rootHash()
                        + "), not the record's final signed head, size 9 (root "
                        + PaperRecord.finalHead(counted).rootHash() + ")");
    }

    @Test
    void aCertificationWithAnotherSignatureFails() throws Exception {
        RecordDocument good = RecordCodec.read(certifiedJson);
        String edited = certifiedJson.replace("\"signature\":\"" + good.certification().signature() + "\"",
                "\"signature\":\"" + earlyCertified.certification().signature() + "\"");
        assertNotEquals(certifiedJson, edited);
        assertEquals(1, verify(edited));
        assertSays("FAIL  certification: the certification does not hold for this record (1 problem)",
                "the signature by Sam Okafor (key " + good.certification().publicKey() + ") does not verify over "
                        + "this decision on ballot " + PaperRecord.BALLOT);
    }
}
