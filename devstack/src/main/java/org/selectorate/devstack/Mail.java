package org.selectorate.devstack;

import org.selectorate.devstack.mailbox.MailServer;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The platform's SMTP server ({@link MailServer}), run as its own JVM from the launcher's classpath. It
 * keeps every message on disk; its HTTP API lists a mailbox ({@code GET /api/user/{address}/messages/INBOX})
 * and counts a mail-out ({@code GET /api/stats?subject=}), so tests and people can read what was sent.
 */
public final class Mail implements Component {
    private final Stack stack;

    public Mail(Stack stack) {
        this.stack = stack;
    }

    @Override
    public String name() {
        return "mail";
    }

    @Override
    public String address() {
        return "smtp://127.0.0.1:" + stack.ports().of(Ports.SMTP) + "; messages at " + stack.mailApiUrl() + "/api/user";
    }

    @Override
    public boolean healthy() {
        return Probes.httpOk(stack.mailApiUrl() + "/api/service/readiness");
    }

    @Override
    public void start() throws Exception {
        if (stack.processes().running(name()).isPresent()) {
            return;
        }
        Files.createDirectories(stack.dir(name()));
        // Messages live on disk and only an index in memory, so a national mail-out needs no large heap.
        ProcessHandle process = stack.processes().start(name(), List.of(Java.current(), "-Xms64m", "-Xmx512m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), MailServer.class.getName(),
                "127.0.0.1", Integer.toString(stack.ports().of(Ports.SMTP)),
                Integer.toString(stack.ports().of(Ports.MAIL_API)), stack.dir(name()).toString()),
                stack.dir(name()), Map.of());
        Probes.await(name(), this::healthy, process, Duration.ofMinutes(1), stack.processes().log(name()));
    }
}
