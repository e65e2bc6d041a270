package org.selectorate.verifier;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindSigningKey;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.TreeHeadSigner;
import org.selectorate.verifier.check.CertificationCheck;

/**
 * The verifier's timing record without JMH (not in an offline Maven repository): {@code build N FILE} writes the
 * record {@code RecordVerificationBenchmark} builds (real 2048-bit credentials, a tree head every 10,000 entries);
 * {@code verify FILE TIMES} verifies it that many times in one JVM and prints each run's process CPU and wall time,
 * so a smaller record verified ten times stands for a larger one with the JIT's warm-up paid once. See README.md.
 */
public final class BenchRecord {
    private BenchRecord() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("build")) {
            SecureRandom random = new SecureRandom();
            long start = System.nanoTime();
            String json = RecordCodec.write(RecordFixture.build(Integer.parseInt(args[1]), 10_000, 1,
                    BlindSigningKey.generate(2048, BlindRsaVariant.SHA384_PSS_RANDOMIZED, random),
                    TreeHeadSigner.generate(random)));
            Path file = Files.writeString(Path.of(args[2]), json, StandardCharsets.UTF_8);
            System.out.printf("built %s (%d MB) in %d s%n", file, Files.size(file) >> 20,
                    (System.nanoTime() - start) / 1_000_000_000L);
        } else if (args.length == 3 && args[0].equals("verify")) {
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            double cpu = 0;
            double wall = 0;
            for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                long c = os.getProcessCpuTime();
                long t = System.nanoTime();
                VerificationReport report = RecordVerifier.verify(Path.of(args[1]), CertificationCheck.optional());
                if (!report.passed()) {
                    throw new IllegalStateException(report.format());
                }
                double runCpu = (os.getProcessCpuTime() - c) / 1e9;
                double runWall = (System.nanoTime() - t) / 1e9;
                cpu += runCpu;
                wall += runWall;
                System.out.printf("run %d: %.2f s CPU, %.2f s wall; load average %.1f%n", i, runCpu, runWall,
                        os.getSystemLoadAverage());
            }
            System.out.printf("all runs: %.1f s CPU, %.1f s wall%n", cpu, wall);
        } else {
            System.err.println("usage: BenchRecord build N FILE | verify FILE TIMES");
            System.exit(2);
        }
    }
}
