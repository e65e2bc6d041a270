package org.selectorate.cli.demo;

import org.junit.jupiter.api.Test;
import org.selectorate.cli.OfflineRun;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bench refuses a bad combination of flags before it looks for a platform: one line, exit 2. */
class BenchCommandTest {
    private final OfflineRun cli = new OfflineRun(new BenchCommand());

    @Test
    void aNationalBallotIsOneSelection() {
        assertEquals(2, cli.run("--national", "--selections", "650"));
        assertEquals("error: --national is one ballot: leave out --selections or give 1", cli.message());
    }

    @Test
    void turnoutIsAShareOfTheMembers() {
        assertEquals(2, cli.run("--turnout", "1.5"));
        assertEquals("error: --turnout must be above 0 and at most 1, not 1.5", cli.message());
        cli.clear();
        assertEquals(2, cli.run("--turnout", "0"));
        assertEquals("error: --turnout must be above 0 and at most 1, not 0.0", cli.message());
    }

    @Test
    void oneArrivalCurveAtATime() {
        assertEquals(2, cli.run("--rate", "100", "--peak", "400"));
        assertEquals("error: --rate (sustained) and --peak (falling off) are two arrival curves: give one", cli.message());
    }

    @Test
    void aRateMustBePositive() {
        assertEquals(2, cli.run("--national", "--members", "1000", "--peak", "0"));
        assertEquals("error: --rate and --peak are voters a second and must be positive", cli.message());
    }

    @Test
    void countsMustBePositive() {
        assertEquals(2, cli.run("--selections", "0"));
        assertEquals("error: --selections, --members, --threads and --lag-every must be positive", cli.message());
    }

    @Test
    void aNegativeHoldIsRefused() {
        assertEquals(2, cli.run("--hold", "PT-1S"));
        assertEquals("error: --hold cannot be negative", cli.message());
    }

    @Test
    void theBenchHasAnUpperBound() {
        assertEquals(2, cli.run("--selections", "650", "--members", "4000"));
        assertEquals("error: --selections x --members is 2600000 members; the bench stops at 2,000,000", cli.message());
    }
}
