package org.selectorate.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A service's instances: ports derived from its own, saved with the rest, and never on another's port. */
class PortsTest {
    @Test
    void instancesTakeTheServicesPortPlusASteps(@TempDir Path home) throws Exception {
        Ports ports = Ports.defaultsWith(Map.of(Ports.TALLY, 48083)).withReplicas(Map.of(Ports.TALLY, 3));
        assertEquals(48083, ports.of(Ports.TALLY, 1));
        assertEquals(49083, ports.of(Ports.TALLY, 2));
        assertEquals(50083, ports.of(Ports.TALLY, 3));
        assertEquals(49083, ports.all().get("tally-service-2"));
        assertEquals(50083, ports.all().get("tally-service-3"));

        ports.save(home.resolve("ports.properties"));
        Ports loaded = Ports.load(home.resolve("ports.properties"));
        assertEquals(3, loaded.instances(Ports.TALLY));
        assertEquals(ports.all(), loaded.all());
    }

    @Test
    void everyInstanceIsAServiceTheLauncherStartsAndTheGatewayRoutesTo(@TempDir Path home) {
        Stack stack = Stack.at(Path.of("."), home, Ports.defaultsWith(Map.of())
                .withReplicas(Map.of(Ports.TALLY, 2, Ports.NOTIFICATION, 2)));
        List<String> names = Service.all(stack).stream().map(Service::name).toList();
        assertEquals(List.of("membership-service", "ballot-service", "tally-service", "tally-service-2",
                "notification-service", "notification-service-2", "gateway"), names);
        assertEquals("http://127.0.0.1:19083", Service.all(stack).get(3).url());
    }

    @Test
    void anInstanceOnAnotherComponentsPortIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ports.defaultsWith(
                Map.of(Ports.KAFKA, 19083)).withReplicas(Map.of(Ports.TALLY, 2)));
        assertTrue(e.getMessage().contains("19083"), e.getMessage());
    }

    @Test
    void theGatewayIsOne() {
        assertThrows(IllegalArgumentException.class, () -> Ports.defaultsWith(Map.of())
                .withReplicas(Map.of(Ports.GATEWAY, 2)));
    }
}
