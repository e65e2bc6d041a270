package org.selectorate.cli.demo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench's arithmetic, without a platform: percentiles, CPU per vote, /proc parsing, arrivals, voters. */
class BenchReportTest {
    @Test
    void percentilesAreNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertEquals(50, BenchReport.percentile(sorted, 0.5));
        assertEquals(95, BenchReport.percentile(sorted, 0.95));
        assertEquals(100, BenchReport.percentile(sorted, 1.0));
        assertEquals(7, BenchReport.percentile(new long[]{7}, 0.99));
        assertEquals(2, BenchReport.percentile(new long[]{1, 2, 3}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> BenchReport.percentile(new long[0], 0.5));
    }

    @Test
    void samplesSortWhateverOrderTheyCameIn() {
        BenchReport.Samples s = new BenchReport.Samples();
        for (int i = 3000; i > 0; i--) {
            s.add(i);
        }
        assertEquals("p50 1500, p95 2850, p99 2970, max 3000 (n=3000)", s.summary());
        assertEquals("(none)", new BenchReport.Samples().summary());
    }

    @Test
    void cpuPerVoteIsTheProcessesCpuOverTheVotes() {
        assertEquals(2.5, BenchReport.cpuMillisPerVote(25_000, 10_000));
        assertTrue(Double.isNaN(BenchReport.cpuMillisPerVote(100, 0)));
        BenchReport report = new BenchReport("selections", 2, 10);
        report.votes = 1000;
        report.processes.put("tally-service", new BenchReport.Process(300, 4000));
        report.processes.put("ballot-service", new BenchReport.Process(280, 6000));
        assertEquals(10_000, report.totalCpuMillis());
        assertEquals(10.0, report.json().get("cpuMillisPerVote").asDouble());
        assertEquals(4.0, report.json().get("processes").get("tally-service").get("cpuMillisPerVote").asDouble());
    }

    @Test
    void ratesComeFromThePhases() {
        BenchReport report = new BenchReport("national", 1, 20_000);
        report.codesMailed = 20_000;
        report.votes = 12_000;
        report.phase("mail-out", 80, null);
        report.phase("voting", 120, "code -> credential -> cast");
        report.postgresFsync = "off";
        assertEquals(250, report.mailOutRate());
        assertEquals(100, report.votingRate());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("mail-out: 20000 access codes in the SMTP server, 250 codes/s"), printed);
        assertTrue(printed.contains("voting: 100.0 voters/s achieved"), printed);
        assertTrue(printed.contains("PostgreSQL fsync: off (a throw-away platform, up --no-fsync: not durable)"), printed);
        assertEquals("off", report.json().get("postgresFsync").asText());
    }

    @Test
    void memoryGrowthIsPerExtraOpenSelection() {
        assertEquals(512.0, BenchReport.growthKibPerSelection(10, 200, 650, 520));
        BenchReport report = new BenchReport("selections", 650, 1000);
        report.rssByOpenSelections.put(650, Map.of("ballot-service", 520.0));
        report.rssByOpenSelections.put(10, Map.of("ballot-service", 200.0));
        report.rssByOpenSelections.put(100, Map.of("ballot-service", 250.0));
        assertEquals(512.0, report.growth().get("ballot-service"));
    }

    @Test
    void procFilesAreReadByField() {
        String status = "Name:\tjava\nVmPeak:\t 9999 kB\nVmHWM:\t  524288 kB\nVmRSS:\t  262144 kB\n";
        assertEquals(524288, ProcessProbe.kib(status, "VmHWM:"));
        assertEquals(262144, ProcessProbe.kib(status, "VmRSS:"));
        assertEquals(0, ProcessProbe.kib(status, "VmSwap:"));
        // A command name with spaces and a parenthesis: the fields count from the last ')'.
        String stat = "4242 (my (odd) proc) S 1 4242 4242 0 -1 4194560 100 0 0 0 1500 250 40 10 20 0 30 0 12345 0 0";
        assertEquals(1750, ProcessProbe.cpuTicks(stat, false));
        assertEquals(1800, ProcessProbe.cpuTicks(stat, true));
        assertEquals(17_500, new ProcessProbe.Usage(0, 0, 1750).cpuMillis());
        ProcessProbe.Usage self = ProcessProbe.of(ProcessHandle.current().pid(), false);
        assertTrue(self.rssKib() > 0 && self.peakKib() >= self.rssKib(), self.toString());
    }

    @Test
    void arrivalsFollowTheirCurve() {
        ArrivalCurve sustained = ArrivalCurve.sustained(200);
        assertEquals(0, sustained.offsetMillis(0));
        assertEquals(5_000, sustained.offsetMillis(1000));
        long voters = 480_000;
        ArrivalCurve decaying = ArrivalCurve.decaying(400, voters);
        // The first voters come at the peak rate; the last by three time constants (tau = voters / (peak (1 - e^-3)))
        double tauMillis = voters / (400 * (1 - Math.exp(-3))) * 1000;
        assertEquals(2500, decaying.offsetMillis(1000), 10);
        assertTrue(decaying.offsetMillis(voters - 1) <= 3 * tauMillis);
        assertTrue(decaying.offsetMillis(voters - 1) > 2.9 * tauMillis);
        // Half the voters have come by well under a third of the window.
        assertTrue(decaying.offsetMillis(voters / 2) < tauMillis);
        for (long i = 1; i < voters; i += 997) {
            assertFalse(decaying.offsetMillis(i) < decaying.offsetMillis(i - 1));
        }
    }

    @Test
    void everyVoterOfABenchRollVotesOnceAndIsOnTheRoll() {
        BenchRoll roll = new BenchRoll("N1-0", java.util.List.of("N1-0-B1", "N1-0-B2"), 5000, java.time.LocalDate.of(2026, 12, 4), 1000);
        Set<Integer> seen = new HashSet<>();
        for (int k = 0; k < 5000; k++) {
            int i = roll.voter(k);
            assertTrue(i >= 0 && i < 5000);
            assertTrue(seen.add(i), "voter " + i + " twice");
        }
        String csv = roll.csv();
        assertEquals(roll.size() + 1, csv.lines().count());
        assertEquals(5100, roll.size());
        String line = csv.lines().skip(43).findFirst().orElseThrow();
        assertTrue(line.contains("," + roll.email(42) + ","), line);
        assertTrue(line.endsWith(",active,false"), line);
    }
}
