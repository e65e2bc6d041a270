package org.selectorate.cli.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selectorate.devstack.Devstack;
import org.selectorate.devstack.Ports;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code up --replicas}: how many instances of which service, and a bad count refused before anything starts. */
class UpCommandTest {
    @TempDir
    Path home;

    private final StringWriter err = new StringWriter();

    private int run(UpCommand up, String... args) {
        CommandLine cli = new CommandLine(up);
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            return 2;
        });
        return cli.execute(args);
    }

    @Test
    void replicasAreReadAsServiceCounts() throws Exception {
        UpCommand up = new UpCommand();
        new CommandLine(up).parseArgs("--replicas", "tally-service=2,ballot-service=3", "--replicas",
                "notification-service=2", "--port", "tally-service=48083");
        Ports chosen = up.chosen(Ports.defaultsWith(Map.of()));
        assertEquals(2, chosen.instances(Ports.TALLY));
        assertEquals(3, chosen.instances(Ports.BALLOT));
        assertEquals(2, chosen.instances(Ports.NOTIFICATION));
        assertEquals(1, chosen.instances(Ports.MEMBERSHIP));
        assertEquals(48083 + Ports.INSTANCE_STEP, chosen.all().get("tally-service-2"));
    }

    @Test
    void aLaterRunKeepsTheSavedInstancesUnlessToldOtherwise() throws Exception {
        Ports.defaultsWith(Map.of()).withReplicas(Map.of(Ports.TALLY, 2, Ports.BALLOT, 2))
                .save(home.resolve(Devstack.PORTS_FILE));
        UpCommand up = new UpCommand();
        new CommandLine(up).parseArgs("--replicas", "ballot-service=1");
        Ports chosen = up.chosen(Ports.load(home.resolve(Devstack.PORTS_FILE)));
        assertEquals(2, chosen.instances(Ports.TALLY));
        assertEquals(1, chosen.instances(Ports.BALLOT));
    }

    @Test
    void theGatewayRunsOnce() {
        assertRefused(run(new UpCommand(), "--home", home.toString(), "--replicas", "gateway=2"), "gateway");
    }

    @Test
    void aCountOutOfRangeIsRefused() {
        assertRefused(run(new UpCommand(), "--home", home.toString(), "--replicas", "tally-service=0"), "1-8");
        assertRefused(run(new UpCommand(), "--home", home.toString(), "--replicas", "tally-service=9"), "1-8");
    }

    @Test
    void anInstanceOnAnotherComponentsPortIsRefused() {
        // tally-service's second instance would take 18083 + 1000 = 19083, given here to kafka
        assertRefused(run(new UpCommand(), "--home", home.toString(), "--port", "kafka=19083",
                "--replicas", "tally-service=2"), "19083");
    }

    @Test
    void aCountThatIsNoNumberIsRefused() {
        assertEquals(2, run(new UpCommand(), "--home", home.toString(), "--replicas", "tally-service=two"));
        assertTrue(err.toString().contains("--replicas"), err.toString());
        assertFalse(Files.exists(home.resolve("keys")));
    }

    private void assertRefused(int exit, String because) {
        assertEquals(2, exit);
        String message = err.toString().strip();
        assertTrue(message.startsWith("error: ") && message.contains(because), message);
        assertEquals(1, message.lines().count(), "one line: " + message);
        assertFalse(Files.exists(home.resolve("keys")), "nothing started");
        err.getBuffer().setLength(0);
    }
}
