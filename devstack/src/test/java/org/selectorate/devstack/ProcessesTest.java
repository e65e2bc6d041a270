package org.selectorate.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faults as chaos injects them: a process tree killed at once, a process frozen and resumed. */
class ProcessesTest {
    @TempDir
    Path home;

    /** The process's state letter from /proc once it is {@code expected}, or as it is after two seconds. */
    private static String state(long pid, String expected) throws Exception {
        String state = "";
        for (int i = 0; i < 100 && !state.equals(expected); i++) {
            state = Files.readAllLines(Path.of("/proc/" + pid + "/stat")).get(0).replaceAll("^.*\\) ", "").substring(0, 1);
            Thread.sleep(20);
        }
        return state;
    }

    @Test
    void aKilledTreeIsGoneAndItsPidFileNamesADeadProcess() throws Exception {
        Processes processes = new Processes(home);
        ProcessHandle p = processes.start("sleeper", List.of("sh", "-c", "sleep 300 & sleep 300"), home, Map.of());
        // Wait for the shell's child, so the tree has two processes.
        for (int i = 0; i < 100 && p.descendants().findAny().isEmpty(); i++) {
            Thread.sleep(20);
        }
        List<ProcessHandle> tree = p.descendants().toList();
        assertFalse(tree.isEmpty());

        assertTrue(processes.kill("sleeper"));
        assertFalse(p.isAlive());
        assertTrue(tree.stream().noneMatch(ProcessHandle::isAlive));
        assertTrue(processes.running("sleeper").isEmpty());
        assertFalse(processes.kill("sleeper"), "nothing left to kill");
    }

    @Test
    void aFrozenProcessIsStoppedUntilResumed() throws Exception {
        Processes processes = new Processes(home);
        ProcessHandle p = processes.start("sleeper", List.of("sleep", "300"), home, Map.of());
        try {
            processes.signal("sleeper", "STOP");
            assertEquals("T", state(p.pid(), "T"));
            processes.signal("sleeper", "CONT");
            assertEquals("S", state(p.pid(), "S"));
        } finally {
            processes.kill("sleeper");
        }
    }
}
