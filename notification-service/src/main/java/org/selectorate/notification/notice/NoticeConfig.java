package org.selectorate.notification.notice;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "selectorate.notices")
public interface NoticeConfig {
    /** Key of the HMAC-SHA256 that signs acknowledgement links; whoever holds it can forge acknowledgements. */
    String ackSecret();

    /** Where members reach the gateway: the acknowledgement link starts with it. */
    @WithDefault("http://localhost:18080")
    String publicUrl();

    /** How often a dispatch round runs (read by the dispatcher's schedule; named here so it may be set). */
    @WithDefault("1s")
    Duration poll();

    /** Notices handed to the SMTP client per dispatch round ({@link #poll}): the most a second. */
    @WithDefault("100")
    int batch();

    /** Attempts before a notice is marked failed. */
    @WithDefault("8")
    int maxAttempts();

    /** Delay before the first retry; doubles with each further attempt. */
    @WithDefault("2s")
    Duration firstRetry();

    /** The right-hand side of each notice's Message-ID ({@code <notice-<id>@domain>}). */
    @WithDefault("notices.selectorate.invalid")
    String messageIdDomain();
}
