package org.selectorate.cli.chaos;

import org.junit.jupiter.api.Test;
import org.selectorate.cli.OfflineRun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** chaos refuses bad flags before it looks for a platform (one line, exit 2); which answers a voter retries. */
class ChaosCommandTest {
    private final OfflineRun cli = new OfflineRun(new ChaosCommand());

    @Test
    void countsMustBePositive() {
        assertEquals(2, cli.run("--selections", "0"));
        assertEquals("error: --selections, --members and --threads must be positive, --faults not negative", cli.message());
    }

    @Test
    void turnoutIsAShare() {
        assertEquals(2, cli.run("--turnout", "2"));
        assertEquals("error: --turnout must be above 0 and at most 1, not 2.0", cli.message());
    }

    @Test
    void anOutageIsAtLeastTwoSeconds() {
        assertEquals(2, cli.run("--max-outage", "PT1S"));
        assertEquals("error: --max-gap must be at least PT0.5S and --max-outage at least PT2S", cli.message());
    }

    @Test
    void noPlatformIsOneLine() {
        assertEquals(2, cli.run("--seed", "7"));
        assertTrue(cli.message().startsWith("error: "));
    }

    @Test
    void aVoterRetriesWhatAFaultExplainsOnly() {
        for (int status : new int[] {500, 502, 503, 504, 404, 408, 429}) {
            assertTrue(RetryingVoter.retryable(status), Integer.toString(status));
        }
        for (int status : new int[] {400, 403, 409, 422}) {
            assertFalse(RetryingVoter.retryable(status), Integer.toString(status));
        }
    }
}
