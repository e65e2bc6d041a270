package org.selectorate.devstack.mailbox;

import java.time.Instant;

/** Where one delivered copy of a message sits in the store, with the headers people search by. */
record StoredMessage(long id, String recipient, String sender, String subject, String messageId,
                     Instant receivedAt, long offset, int length) {
}
