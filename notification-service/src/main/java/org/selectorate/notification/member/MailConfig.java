package org.selectorate.notification.member;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "selectorate.mail")
public interface MailConfig {
    /** Messages handed to the SMTP client per dispatch round. */
    @WithDefault("200")
    int batch();

    /** Attempts before a message is marked failed. */
    @WithDefault("8")
    int maxAttempts();

    /** Delay before the first retry; doubles with each further attempt. */
    @WithDefault("2s")
    Duration firstRetry();

    /** Where members reach the gateway: links in member mail start with it. */
    @WithDefault("http://localhost:18080")
    String publicUrl();
}
