package org.selectorate.cli.count;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.selectorate.counting.CountOptions;
import org.selectorate.counting.Counter;
import org.selectorate.counting.Method;
import org.selectorate.counting.ballot.Election;
import org.selectorate.counting.blt.BltFile;
import org.selectorate.counting.blt.BltReader;
import org.selectorate.counting.io.JsonBallots;
import org.selectorate.counting.rank.RankRules;
import org.selectorate.counting.report.CountReport;
import org.selectorate.counting.report.JsonReport;
import org.selectorate.counting.report.TextReport;
import org.selectorate.counting.tie.TieBreak;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code selectorate count FILE --method …}: counts a BLT or JSON ballot file. */
@Command(name = "count", mixinStandardHelpOptions = true,
        description = "Counts a ballot file (BLT, or JSON by .json extension or content) and prints "
                + "every stage.")
public final class CountCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "BLT or JSON ballot file")
    Path file;

    @Option(names = "--method", required = true,
            description = "fptp, approval, av, stv-scottish, stv-meek or stv-ers97")
    String method;

    @Option(names = "--seats", description = "seats to fill (default: from the file)")
    Integer seats;

    @Option(names = "--tie-break", description = "backwards, forwards, order or random")
    String tieBreak;

    @Option(names = "--seed", description = "published seed for lots (default 0)")
    long seed;

    @Option(names = "--overvote", defaultValue = "exhaust",
            description = "exhaust, skip or exhaust-if-multiple (default exhaust)")
    String overvote;

    @Option(names = "--max-skipped", description = "consecutive skipped ranks allowed (default unlimited)")
    Integer maxSkipped;

    @Option(names = "--duplicates", defaultValue = "skip", description = "skip or exhaust (default skip)")
    String duplicates;

    @Option(names = "--bulk-exclusion", description = "exclude together all lowest candidates "
            + "whose combined votes are below the next (AV)")
    boolean bulkExclusion;

    @Option(names = "--omega", defaultValue = "6",
            description = "stv-meek: iterate until the surplus is at most 10^-N, N in 1..9 (default 6)")
    int omega;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default text)")
    String format;

    @Override
    public Integer call() {
        Method m = Method.of(method);
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("unknown format '" + format + "'");
        }
        Election election;
        List<String> tieOrder = List.of();
        // Streamed, never held whole: papers are merged as they are read, so memory follows distinct ballots.
        try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            if (file.toString().endsWith(".json") || startsWithBrace(in)) {
                election = JsonBallots.read(in);
            } else {
                // A decoder that reports malformed UTF-8, as Files.readString did, rather than replacing it.
                BltFile blt = BltReader.read(new BufferedReader(new InputStreamReader(in,
                        StandardCharsets.UTF_8.newDecoder())));
                election = blt.election();
                tieOrder = blt.tieOrder();
                // Other programs' files carry commentary after the title; counted without it, but said.
                blt.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + file + ": "
                        + w.message()));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read " + file + " ("
                    + (e instanceof UncheckedIOException u ? u.getCause() : e).getClass().getSimpleName() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        CountOptions options = new CountOptions(seats == null ? 0 : seats,
                tieBreak == null ? null : TieBreak.Mode.valueOf(enumName(tieBreak, "tie-break",
                        List.of("backwards", "forwards", "order", "random"))),
                seed, ranking(), bulkExclusion, omega);
        CountReport report = Counter.count(m, election, options, tieOrder);
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.equals("json") ? JsonReport.write(report) : TextReport.write(report));
        out.flush();
        return 0;
    }

    /** True when the first non-blank byte is '{' (a JSON file without the extension); the stream is not consumed. */
    private static boolean startsWithBrace(BufferedInputStream in) throws IOException {
        in.mark(1 << 16);
        try {
            for (int b = in.read(), n = 1; b >= 0 && n < 1 << 16; b = in.read(), n++) {
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                    return b == '{';
                }
            }
            return false;
        } finally {
            in.reset();
        }
    }

    private RankRules ranking() {
        RankRules.Overvote o = RankRules.Overvote.valueOf(enumName(overvote, "overvote",
                List.of("exhaust", "skip", "exhaust-if-multiple")));
        RankRules.Duplicates d = RankRules.Duplicates.valueOf(enumName(duplicates, "duplicates",
                List.of("skip", "exhaust")));
        if (maxSkipped != null && maxSkipped < 0) {
            throw new IllegalArgumentException("--max-skipped must be 0 or more");
        }
        return new RankRules(o, maxSkipped == null ? RankRules.UNLIMITED : maxSkipped, d,
                RankRules.UNLIMITED);
    }

    private static String enumName(String value, String option, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException("--" + option + " must be one of " + allowed + ", got '"
                    + value + "'");
        }
        return value.toUpperCase().replace('-', '_');
    }
}
