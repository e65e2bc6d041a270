package org.selectorate.cli.verify;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.selectorate.integrity.audit.AuditCodec;
import org.selectorate.integrity.audit.AuditKey;
import org.selectorate.integrity.audit.MalformedAuditLogException;
import org.selectorate.integrity.encoding.Ed25519Keys;
import org.selectorate.integrity.record.MalformedRecordException;
import org.selectorate.verifier.RecordVerifier;
import org.selectorate.verifier.VerificationReport;
import org.selectorate.verifier.audit.AuditLogVerifier;
import org.selectorate.verifier.audit.AuditReport;
import org.selectorate.verifier.check.CertificationCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code selectorate verify RECORD.json [--certified] [--scrutineer-key KEY] [--blt OUT]}: checks a ballot's public
 * record with nothing but the file; {@code selectorate verify --audit FILE [--expect-key KEY]}: checks a service's
 * exported audit log. Exit 0 when every check passes, 1 when any fails, 2 when the file cannot be read as what it
 * should be.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Checks a ballot's public record: every signature, tokens used once, the hash chain and "
                + "Merkle tree against the signed tree heads, consistency of successive heads, votes per "
                + "channel against the marked register, each channel's ballot paper account, a recount, and the "
                + "scrutineer's signed certification. With --audit, checks a service's exported audit log instead: "
                + "no entry missing, edited or moved, each signed by the service's key, and nothing of the "
                + "export's selection or area withheld. Prints PASS or FAIL for each check.")
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RECORD.json", description = "the ballot's public record")
    Path file;

    @Option(names = "--audit", paramLabel = "FILE", description = "check this exported audit log instead "
            + "(GET /api/<service>/audit)")
    Path audit;

    @Option(names = "--expect-key", paramLabel = "KEY", description = "with --audit: the service's audit key "
            + "(base64url) the log must be signed with, as pinned from an earlier export")
    String expectKey;

    @Option(names = "--certified", description = "also fail unless a scrutineer certified the record, as a "
            + "declared result must be (without it, a record not yet certified passes as \"not certified\")")
    boolean certified;

    @Option(names = "--scrutineer-key", paramLabel = "KEY", description = "the scrutineer's public key (base64url, "
            + "as scrutineer-key printed it) the certification must be signed with; implies --certified")
    String scrutineerKey;

    @Option(names = "--blt", paramLabel = "OUT", description = "also write the votes as a BLT file, to recount "
            + "with another program")
    Path blt;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((file == null) == (audit == null) || (audit != null && (blt != null || certified || scrutineerKey != null))
                || (expectKey != null && audit == null)) {
            err.println("error: give either RECORD.json [--certified] [--scrutineer-key KEY] [--blt OUT] or --audit "
                    + "FILE [--expect-key KEY]");
            return 2;
        }
        if (scrutineerKey != null) {
            try {
                Ed25519Keys.decode(scrutineerKey);
            } catch (IllegalArgumentException e) {
                err.println("error: --scrutineer-key is not an Ed25519 public key (base64url): " + e.getMessage());
                return 2;
            }
        }
        if (audit != null) {
            return verifyAudit(out, err);
        }
        VerificationReport report;
        try {
            report = RecordVerifier.verify(file, new CertificationCheck(certified, scrutineerKey));
        } catch (IOException e) {
            err.println("error: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
            return 2;
        } catch (MalformedRecordException e) {
            err.println("error: " + file + " is not a valid public record: " + e.getMessage());
            return 2;
        }
        out.print(report.format());
        if (blt != null) {
            try {
                Files.writeString(blt, report.blt(), StandardCharsets.UTF_8);
                out.println("BLT written to " + blt);
            } catch (IOException | IllegalArgumentException e) {
                err.println("error: cannot write BLT to " + blt + ": " + e.getMessage());
                return 2;
            }
        }
        out.flush();
        return report.passed() ? 0 : 1;
    }

    private int verifyAudit(PrintWriter out, PrintWriter err) {
        AuditKey expected = null;
        if (expectKey != null) {
            try {
                expected = AuditKey.fromEncoded(expectKey);
            } catch (IllegalArgumentException e) {
                err.println("error: --expect-key is not an Ed25519 public key (base64url): " + e.getMessage());
                return 2;
            }
        }
        AuditReport report;
        try {
            report = AuditLogVerifier.verify(AuditCodec.read(Files.readString(audit, StandardCharsets.UTF_8)),
                    expected);
        } catch (IOException e) {
            err.println("error: cannot read " + audit + " (" + e.getClass().getSimpleName() + ")");
            return 2;
        } catch (MalformedAuditLogException e) {
            err.println("error: " + audit + " is not a valid audit log: " + e.getMessage());
            return 2;
        }
        out.print(report.format());
        out.flush();
        return report.passed() ? 0 : 1;
    }
}
