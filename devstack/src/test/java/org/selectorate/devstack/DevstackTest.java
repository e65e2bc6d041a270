package org.selectorate.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevstackTest {
    @Test
    void aPortAnotherProcessHoldsIsRefusedBeforeAnythingStarts(@TempDir Path home) throws Exception {
        try (ServerSocket foreign = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Stack stack = Stack.at(Path.of("."), home, Ports.defaultsWith(Map.of(Ports.POSTGRES, foreign.getLocalPort())));
            Devstack devstack = new Devstack(stack, new PrintStream(new ByteArrayOutputStream()));
            IllegalStateException refused = assertThrows(IllegalStateException.class, devstack::up);
            assertTrue(refused.getMessage().contains("postgres " + foreign.getLocalPort()), refused.getMessage());
            assertFalse(Files.exists(home.resolve("keys")), "no secret made for a server that is not ours");
            assertFalse(Files.exists(home.resolve("postgres")));
        }
    }
}
