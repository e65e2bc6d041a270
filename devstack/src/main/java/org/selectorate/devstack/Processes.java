package org.selectorate.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts components as detached child processes that outlive the launcher, one PID file each, and
 * stops them by PID (with their children: {@code kc.sh} runs a JVM, {@code setpriv} runs postgres).
 */
public final class Processes {
    private final Path runDir;
    private final Path logDir;

    public Processes(Path home) {
        this.runDir = home.resolve("run");
        this.logDir = home.resolve("logs");
    }

    public Path log(String name) {
        return logDir.resolve(name + ".log");
    }

    public ProcessHandle start(String name, List<String> command, Path workDir, Map<String, String> env)
            throws IOException {
        Files.createDirectories(runDir);
        Files.createDirectories(logDir);
        List<String> full = new ArrayList<>();
        // A new session keeps a Ctrl-C at the launcher's terminal from reaching the components.
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            full.add("/usr/bin/setsid");
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        Process process = builder.start();
        Files.writeString(runDir.resolve(name + ".pid"), Long.toString(process.pid()));
        return process.toHandle();
    }

    /** Runs a short command to completion (initdb, storage format), failing with its output. */
    public void runToCompletion(String what, List<String> command, Path workDir, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        Path out = logDir.resolve(what + ".log");
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException(what + " did not finish within " + timeout.toSeconds() + " s; see " + out);
        }
        if (p.exitValue() != 0) {
            throw new IOException(what + " failed (exit " + p.exitValue() + "): " + tail(out));
        }
    }

    public Optional<ProcessHandle> running(String name) {
        Path pidFile = runDir.resolve(name + ".pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Asks the process tree to stop, then kills what is left after the grace period. */
    public boolean stop(String name, Duration grace) throws IOException {
        Optional<ProcessHandle> handle = running(name);
        Files.deleteIfExists(runDir.resolve(name + ".pid"));
        if (handle.isEmpty()) {
            return false;
        }
        List<ProcessHandle> tree = new ArrayList<>(handle.get().descendants().toList());
        tree.add(handle.get());
        tree.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(grace);
        while (Instant.now().isBefore(deadline) && tree.stream().anyMatch(ProcessHandle::isAlive)) {
            sleep(200);
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return true;
    }

    /**
     * Kills the process tree at once (SIGKILL), as a crash or the OOM killer would: nothing is flushed or closed.
     * The PID file stays, naming a dead process, as it would after a crash. Returns once every process is gone.
     */
    public boolean kill(String name) {
        Optional<ProcessHandle> handle = running(name);
        if (handle.isEmpty()) {
            return false;
        }
        List<ProcessHandle> tree = new ArrayList<>(handle.get().descendants().toList());
        tree.add(0, handle.get());
        tree.forEach(ProcessHandle::destroyForcibly);
        while (tree.stream().anyMatch(ProcessHandle::isAlive)) {
            sleep(50);
        }
        return true;
    }

    /**
     * Sends {@code signal} ({@code STOP} to freeze, {@code CONT} to resume) to the whole process tree: a frozen server
     * keeps its connections and data but answers nothing, as a hung server does.
     */
    public void signal(String name, String signal) throws IOException, InterruptedException {
        Optional<ProcessHandle> handle = running(name);
        if (handle.isEmpty()) {
            throw new IllegalStateException(name + " is not running");
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal, Long.toString(handle.get().pid())));
        handle.get().descendants().forEach(d -> command.add(Long.toString(d.pid())));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (p.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + name + " failed: " + new String(p.getInputStream().readAllBytes()));
        }
    }

    public static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
