package org.selectorate.counting.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a realistic BLT file, one paper per line as a ballot scanner would export it. Each voter
 * ranks k candidates (k from 1 to all, weighted towards longer rankings) drawn one by one in
 * proportion to popularity (a Plackett-Luce model), so popular orders repeat while the tail of
 * distinct rankings is long.
 */
final class BallotFiles {
    private BallotFiles() {
    }

    static Path write(int ballots, int candidates, int seats, long seed) throws IOException {
        Random rnd = new Random(seed);
        int[] popularity = new int[candidates];
        for (int c = 0; c < candidates; c++) {
            popularity[c] = 10 + rnd.nextInt(90);
        }
        // Weight of ranking length k: more voters rank many candidates than few.
        int[] lengthWeight = new int[candidates];
        for (int k = 0; k < candidates; k++) {
            lengthWeight[k] = 4 + 2 * k + (k == candidates - 1 ? 3 * candidates : 0);
        }
        Path file = Files.createTempFile("selectorate-bench-" + candidates + "x" + ballots, ".blt");
        file.toFile().deleteOnExit();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(candidates + " " + seats + "\n");
            int[] weights = new int[candidates];
            for (int b = 0; b < ballots; b++) {
                int length = 1 + pick(lengthWeight, candidates, rnd);
                System.arraycopy(popularity, 0, weights, 0, candidates);
                StringBuilder line = new StringBuilder("1");
                for (int r = 0; r < length; r++) {
                    int c = pick(weights, candidates, rnd);
                    weights[c] = 0;
                    line.append(' ').append(c + 1);
                }
                w.write(line.append(" 0\n").toString());
            }
            w.write("0\n");
            for (int c = 0; c < candidates; c++) {
                w.write("\"Candidate " + (char) ('A' + c) + "\"\n");
            }
            w.write("\"Benchmark\"\n");
        }
        return file;
    }

    private static int pick(int[] weights, int n, Random rnd) {
        int total = 0;
        for (int i = 0; i < n; i++) {
            total += weights[i];
        }
        int x = rnd.nextInt(total);
        for (int i = 0; i < n; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        throw new IllegalStateException("weights exhausted");
    }
}
