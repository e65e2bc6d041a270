package org.selectorate.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server (GreenMail standalone) that keeps every message it receives; its HTTP API lists
 * them ({@code GET /api/user/{address}/messages/INBOX}), so tests and people can read what was sent.
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
        Path jar = stack.root().resolve("cli/target/stack/greenmail-standalone.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("GreenMail missing at " + jar + "; build with ./mvnw package -pl cli -am");
        }
        Files.createDirectories(stack.dir(name()));
        // GreenMail keeps every message in memory: a bench mails 140,000 of them.
        ProcessHandle process = stack.processes().start(name(), List.of(Java.current(), "-Xmx2g",
                "-Dgreenmail.smtp.hostname=127.0.0.1",
                "-Dgreenmail.smtp.port=" + stack.ports().of(Ports.SMTP),
                "-Dgreenmail.api.hostname=127.0.0.1",
                "-Dgreenmail.api.port=" + stack.ports().of(Ports.MAIL_API),
                // Every recipient is accepted and kept, as in a sandbox.
                "-Dgreenmail.auth.disabled",
                "-jar", jar.toString()), stack.dir(name()), Map.of());
        Probes.await(name(), this::healthy, process, Duration.ofMinutes(1), stack.processes().log(name()));
    }
}
