package org.selectorate.cli.verify;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.selectorate.integrity.record.MalformedRecordException;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.verifier.RecordVerifier;
import org.selectorate.verifier.VerificationReport;
import org.selectorate.verifier.recount.RecordCount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code selectorate verify RECORD.json [--blt OUT]}: checks a ballot's public record with nothing but the
 * file. Exit 0 when every check passes, 1 when any fails, 2 when the file cannot be read as a record.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Checks a ballot's public record: every signature, tokens used once, the hash chain and "
                + "Merkle tree against the signed tree heads, consistency of successive heads, votes per "
                + "channel against the marked register, and a recount. Prints PASS or FAIL for each check.")
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECORD.json", description = "the ballot's public record")
    Path file;

    @Option(names = "--blt", paramLabel = "OUT", description = "also write the votes as a BLT file, to recount "
            + "with another program")
    Path blt;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RecordDocument record;
        try {
            record = RecordCodec.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("error: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
            return 2;
        } catch (MalformedRecordException e) {
            err.println("error: " + file + " is not a valid public record: " + e.getMessage());
            return 2;
        }
        VerificationReport report = RecordVerifier.verify(record);
        out.print(report.format());
        if (blt != null) {
            try {
                Files.writeString(blt, RecordCount.blt(record.header(), record.entries()), StandardCharsets.UTF_8);
                out.println("BLT written to " + blt);
            } catch (IOException | IllegalArgumentException e) {
                err.println("error: cannot write BLT to " + blt + ": " + e.getMessage());
                return 2;
            }
        }
        out.flush();
        return report.passed() ? 0 : 1;
    }
}
