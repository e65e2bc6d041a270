package org.selectorate.cli.certify;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.record.Certification;
import org.selectorate.integrity.record.MalformedRecordException;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.TreeHead;
import org.selectorate.verifier.RecordVerifier;
import org.selectorate.verifier.VerificationReport;
import org.selectorate.verifier.check.CheckResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code selectorate certify --record FILE --key FILE --scrutineer NAME [--refuse REASON]...}: a scrutineer's
 * signed decision on an exported, counted record, over its final signed tree head, printed as the JSON body the
 * platform accepts. Exit 0 with the body; 1 if asked to certify a record that does not verify (refuse it instead);
 * 2 with one {@code error: …} line for input that cannot be used.
 */
@Command(name = "certify", mixinStandardHelpOptions = true,
        description = "Signs a scrutineer's decision on a counted ballot's exported record, over its final signed "
                + "tree head, with your key from scrutineer-key, and prints the JSON body to submit: {decision, "
                + "reasons, scrutineer, publicKey, treeSize, rootHash, signature}. Certifying first verifies the "
                + "record and will not sign one that fails; --refuse signs a refusal with its reasons.")
public final class CertifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--record", required = true, paramLabel = "FILE", description = "the exported public record "
            + "(selectorate export BALLOT_ID --format json)")
    Path record;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "your key file (scrutineer-key)")
    Path key;

    @Option(names = "--scrutineer", required = true, paramLabel = "NAME", description = "your name, as your "
            + "account names you")
    String scrutineer;

    @Option(names = "--refuse", paramLabel = "REASON", description = "refuse to certify, for this reason "
            + "(repeat for each reason)")
    List<String> refusals = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (scrutineer.isBlank() || refusals.stream().anyMatch(String::isBlank)) {
            err.println("error: " + (scrutineer.isBlank() ? "--scrutineer names you" : "a --refuse reason says why"));
            return 2;
        }
        RecordDocument doc;
        ScrutineerKey signer;
        try {
            doc = RecordCodec.read(Files.readString(record, StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("error: cannot read " + record + " (" + e.getClass().getSimpleName() + ")");
            return 2;
        } catch (MalformedRecordException e) {
            err.println("error: " + record + " is not a valid public record: " + e.getMessage());
            return 2;
        }
        try {
            signer = ScrutineerKey.read(key);
        } catch (IOException e) {
            err.println("error: cannot read " + key + " (" + e.getClass().getSimpleName() + ")");
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (doc.result() == null || doc.treeHeads().isEmpty()) {
            err.println("error: ballot " + doc.ballotId() + " has not been counted; a decision is on the counted "
                    + "record and its final tree head");
            return 2;
        }
        boolean refusing = !refusals.isEmpty();
        if (!refusing) {
            // The decision replaces any earlier one, so that one is not part of what is checked.
            VerificationReport report = RecordVerifier.verify(new RecordDocument(doc.header(), doc.entries(),
                    doc.treeHeads(), doc.markedRegister(), doc.result(), doc.paperAccount(), null));
            if (!report.passed()) {
                err.println("error: " + record + " does not verify (" + String.join(", ", report.checks().stream()
                        .filter(c -> !c.passed()).map(CheckResult::name).toList()) + "; selectorate verify "
                        + "says why); refuse it with --refuse REASON instead");
                return 1;
            }
        }
        TreeHead last = doc.treeHeads().get(doc.treeHeads().size() - 1).head();
        String decision = refusing ? Certification.REFUSED : Certification.CERTIFIED;
        byte[] signature = signer.sign(Certification.statement(doc.ballotId(), decision, refusals, scrutineer,
                last.treeSize(), last.rootHash()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        body.put("reasons", refusals);
        body.put("scrutineer", scrutineer);
        body.put("publicKey", signer.publicKey());
        body.put("treeSize", last.treeSize());
        body.put("rootHash", last.rootHash());
        body.put("signature", Base64Url.encode(signature));
        out.println(CanonicalJson.write(body));
        out.flush();
        return 0;
    }
}
