package org.selectorate.verifier.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindSigningKey;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.TreeHeadSigner;
import org.selectorate.verifier.RecordFixture;
import org.selectorate.verifier.RecordVerifier;
import org.selectorate.verifier.VerificationReport;
import org.selectorate.verifier.check.CertificationCheck;

/**
 * What {@code selectorate verify} does on a large record, with both cores: stream the file, run every check. The
 * record (real 2048-bit credentials, a tree head every 10,000 entries) is built once and kept in verifier/target, as
 * building it costs one RSA signature per online vote; building needs the large heap, verifying does not (see
 * verifier/README.md for the 512 MB run through the command line).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(value = 1, jvmArgs = {"-Xmx8g"})
public class RecordVerificationBenchmark {
    @Param({"1000000"})
    int entries;

    private Path file;

    @Setup
    public void setUp() throws IOException {
        file = Path.of("target", "bench-record-" + entries + ".json");
        if (!Files.exists(file)) {
            SecureRandom random = new SecureRandom();
            long start = System.nanoTime();
            String json = RecordCodec.write(RecordFixture.build(entries, 10_000, 1, BlindSigningKey.generate(2048,
                    BlindRsaVariant.SHA384_PSS_RANDOMIZED, random), TreeHeadSigner.generate(random)));
            Files.writeString(file, json, StandardCharsets.UTF_8);
            System.out.printf("%nbuilt %s (%d MB) in %d s%n", file, Files.size(file) >> 20,
                    (System.nanoTime() - start) / 1_000_000_000L);
        }
    }

    @Benchmark
    public VerificationReport readAndVerify() throws IOException {
        VerificationReport report = RecordVerifier.verify(file, CertificationCheck.optional());
        if (!report.passed()) {
            throw new IllegalStateException(report.format());
        }
        return report;
    }
}
