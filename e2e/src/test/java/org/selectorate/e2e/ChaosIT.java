package org.selectorate.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.selectorate.cli.chaos.ChaosCommand;
import org.selectorate.cli.chaos.ChaosReport;
import org.selectorate.cli.chaos.ChaosRun;
import org.selectorate.devstack.Devstack;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./selectorate chaos} at a small size: three selections of 200 members vote while eight faults (kill -9 of
 * service instances and the gateway, Kafka and PostgreSQL restarts, a hung SMTP server) hit the shared platform,
 * which is healthy again when it ends. Every invariant is checked from the outside (ChaosRun): a cast answered 202
 * is on its record once, no token twice, the register matches the credentials, one access-code mail per elector,
 * every committee notice delivered, every record verifies, the results equal the voters' own count.
 */
@ExtendWith(RunningPlatform.class)
class ChaosIT {
    @Test
    void noVoteNoticeOrCodeIsLostOrDoubledWhenThingsFail() throws Exception {
        ChaosReport report = ChaosCommand.run(RunningPlatform.devstack(), new ChaosRun.Plan(3, 200, 8, 16, 0.75, 12,
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMinutes(5)));
        report.print(System.out);

        assertEquals(8, report.faultCount(), report.toString());
        assertEquals(report.voters(), report.landed(), "every voter's vote landed: " + report);
        assertEquals(List.of(), report.violations());
        assertTrue(RunningPlatform.devstack().status().stream().allMatch(Devstack.Status::healthy),
                "the platform is healthy again for the tests after this one");
    }
}
