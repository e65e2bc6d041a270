package org.selectorate.counting.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.selectorate.counting.av.AvRules;
import org.selectorate.counting.av.InstantRunoff;
import org.selectorate.counting.ballot.Election;
import org.selectorate.counting.blt.BltReader;
import org.selectorate.counting.report.CountReport;
import org.selectorate.counting.stv.GregoryRules;
import org.selectorate.counting.stv.GregoryStv;
import org.selectorate.counting.tie.TieBreak;

/**
 * Whole counts from a BLT file on disk, one paper per line: reading and merging the ballots is
 * part of each measured operation. {@code *Count} variants count an already-merged election, to
 * separate the two costs. Targets on the 2-core build machine: AV under 1 s, STV under 5 s.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class CountBenchmark {

    /** 1,000,000 papers, 8 candidates, one seat. */
    @State(Scope.Benchmark)
    public static class Av {
        Path file;
        Election election;

        @Setup
        public void setUp() throws IOException {
            file = BallotFiles.write(1_000_000, 8, 1, 1);
            election = retained("AV, 1,000,000 ballots, 8 candidates", file);
        }
    }

    /** 100,000 papers, 12 candidates, 4 seats. */
    @State(Scope.Benchmark)
    public static class Stv {
        Path file;
        Election election;

        @Setup
        public void setUp() throws IOException {
            file = BallotFiles.write(100_000, 12, 4, 2);
            election = retained("Scottish STV, 100,000 ballots, 12 candidates, 4 seats", file);
        }
    }

    @Benchmark
    public CountReport avReadAndCount(Av data) throws IOException {
        return avCount(read(data.file));
    }

    @Benchmark
    public CountReport avCount(Av data) {
        return avCount(data.election);
    }

    @Benchmark
    public CountReport scottishStvReadAndCount(Stv data) throws IOException {
        return stvCount(read(data.file));
    }

    @Benchmark
    public CountReport scottishStvCount(Stv data) {
        return stvCount(data.election);
    }

    private static CountReport avCount(Election e) {
        return InstantRunoff.count(e, AvRules.standard(0));
    }

    private static CountReport stvCount(Election e) {
        return GregoryStv.count(e, GregoryRules.scottish(TieBreak.forwards(0)));
    }

    private static Election read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return BltReader.read(in).election();
        }
    }

    /** Reads once and reports the heap the merged election keeps, against the file's size. */
    private static Election retained(String label, Path file) throws IOException {
        long before = usedAfterGc();
        Election e = read(file);
        long after = usedAfterGc();
        System.out.printf("%n[memory] %s: %,d distinct ballots; file %,d bytes; heap retained by the "
                + "merged election %,d bytes (%,d bytes per distinct ballot)%n", label, e.ballots().size(),
                Files.size(file), after - before, (after - before) / e.ballots().size());
        return e;
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
