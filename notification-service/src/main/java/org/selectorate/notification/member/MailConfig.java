package org.selectorate.notification.member;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;

@ConfigMapping(prefix = "selectorate.mail")
public interface MailConfig {
    /** How often a dispatch round runs (read by the dispatcher's schedule; named here so it may be set). */
    @WithDefault("1s")
    Duration poll();

    /** Messages handed to the SMTP client per dispatch round. */
    @WithDefault("200")
    int batch();

    /**
     * Rounds sent side by side, each on an event loop of its own, claiming disjoint batches as replicas' rounds do:
     * one round keeps one thread busy at most, and waits on the database and the SMTP server between its steps.
     */
    @WithDefault("2")
    int lanes();

    /** Attempts before a message is marked failed. */
    @WithDefault("8")
    int maxAttempts();

    /** Delay before the first retry; doubles with each further attempt. */
    @WithDefault("2s")
    Duration firstRetry();

    /**
     * How long a round's claim on its mails lasts: longer than a round takes to send. A replica that dies holding a
     * claim leaves its mails to be taken up by another once it has passed.
     */
    @WithDefault("2m")
    Duration claimLease();

    /** Where members reach the gateway: links in member mail start with it. */
    @WithDefault("http://localhost:18080")
    String publicUrl();

    /**
     * This service's private key for access codes, which ballot-service seals to its public key ({@code CodeSeal}):
     * a file holding the PKCS#8 DER, base64, on one line, readable by the service's user only. Never in the database.
     */
    Path codePrivateKeyFile();
}
