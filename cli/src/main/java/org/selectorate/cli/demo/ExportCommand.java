package org.selectorate.cli.demo;

import org.selectorate.devstack.Devstack;
import org.selectorate.cli.stack.StackOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes a counted ballot's public record (JSON, for the verifier) or its votes as BLT.")
public final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BALLOT_ID")
    String ballotId;

    @Option(names = "--format", defaultValue = "json", description = "json or blt (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
    Path out;

    @Mixin
    StackOptions options;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("json") && !format.equals("blt")) {
            throw new IllegalArgumentException("--format must be json or blt, not " + format);
        }
        Devstack devstack = Devstack.existing(options.root(), options.home(), System.err);
        Api.Reply reply = Platform.api(devstack).get(null, "/api/tally/public/ballots/" + ballotId + "/record"
                + ("blt".equals(format) ? "?format=blt" : ""));
        if (reply.status() != 200) {
            String detail = reply.status() >= 400 && reply.body().startsWith("{")
                    ? reply.json().path("detail").asText(reply.body()) : "HTTP " + reply.status();
            throw new IllegalArgumentException("no record for ballot " + ballotId + ": " + detail);
        }
        if (out == null) {
            System.out.print(reply.body());
        } else {
            Files.writeString(out, reply.body(), StandardCharsets.UTF_8);
            System.err.println("Wrote " + out);
        }
        return 0;
    }
}
