package org.selectorate.cli.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindSigningKey;
import org.selectorate.integrity.blind.BlindingSession;
import org.selectorate.integrity.blind.CredentialMessage;
import org.selectorate.integrity.blind.Token;
import org.selectorate.integrity.record.BallotInfo;
import org.selectorate.integrity.record.Channel;
import org.selectorate.integrity.record.CountRules;
import org.selectorate.integrity.record.PaperRef;
import org.selectorate.integrity.record.PublicRecord;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.TreeHeadSigner;
import org.selectorate.verifier.recount.RecordCount;
import picocli.CommandLine;

class VerifyCommandTest {
    private static String recordJson;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void record() {
        SecureRandom random = new SecureRandom();
        BlindSigningKey issuer = BlindSigningKey.generate(2048, BlindRsaVariant.SHA384_PSS_RANDOMIZED, random);
        PublicRecord record = PublicRecord.open(new BallotInfo("b-1", "Test", List.of("A", "B", "C"), List.of()),
                Map.of(), CountRules.alternativeVote(1), issuer.publicKey(), TreeHeadSigner.generate(random));
        List<List<String>> votes = List.of(List.of("A", "B"), List.of("B"), List.of("C", "B"), List.of("A"),
                List.of("B", "A"));
        for (List<String> vote : votes) {
            Token token = Token.random(random);
            BlindingSession s = issuer.publicKey().blind(CredentialMessage.of("b-1", token), random);
            record.appendOnline(vote, token, s.finish(issuer.blindSign(s.blindedMessage())));
        }
        record.appendPaper(Channel.POSTAL, List.of("C", "A"), new PaperRef("postal-1", 1));
        record.signTreeHead(Instant.parse("2025-05-01T10:00:00Z"));
        RecordDocument draft = record.document(Map.of(Channel.ONLINE, 5L, Channel.POSTAL, 1L), null);
        recordJson = RecordCodec.write(record.document(draft.markedRegister(),
                RecordCount.resultValue(RecordCount.count(draft.header(), draft.entries()))));
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new VerifyCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void aGoodRecordPassesEveryCheckAndWritesBlt() throws Exception {
        Path f = dir.resolve("record.json");
        Files.writeString(f, recordJson);
        Path blt = dir.resolve("votes.blt");
        assertEquals(0, run(f.toString(), "--blt", blt.toString()), out + "" + err);
        assertTrue(out.toString().contains("PASS  credential signatures"), out.toString());
        assertTrue(out.toString().contains("VERIFIED: all 12 checks passed"), out.toString());
        assertTrue(Files.readString(blt).startsWith("3 1\n"), Files.readString(blt));
    }

    @Test
    void aTamperedRecordFailsWithExitOne() throws Exception {
        Path f = dir.resolve("record.json");
        Files.writeString(f, recordJson.replace("\"postal\":1", "\"postal\":0"));
        assertEquals(1, run(f.toString()));
        assertTrue(out.toString().contains("FAIL  reconciliation with the marked register"), out.toString());
        assertTrue(out.toString().contains("NOT VERIFIED: 1 of 12 checks failed"), out.toString());
    }

    @Test
    void anUnreadableOrMalformedFileIsOneLineAndExitTwo() throws Exception {
        assertEquals(2, run(dir.resolve("missing.json").toString()));
        assertTrue(err.toString().startsWith("error: cannot read"), err.toString());
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"schema\":\"selectorate-record/1\"}");
        err.getBuffer().setLength(0);
        assertEquals(2, run(f.toString()));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains("missing \"ballot\""), err.toString());
    }
}
