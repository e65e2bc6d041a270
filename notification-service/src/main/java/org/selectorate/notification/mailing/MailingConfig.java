package org.selectorate.notification.mailing;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "selectorate.mailings")
public interface MailingConfig {
    /** Key of the HMAC-SHA256 that signs unsubscribe links; whoever holds it can unsubscribe anyone. */
    String unsubscribeSecret();
}
