package org.selectorate.notification.member;

import org.selectorate.contracts.ballot.AccessCodeIssued;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The access-code mail, in two steps so the code is never stored in clear: when the event arrives, the text with
 * a slot for the code (kept in the row's body beside the sealed code); when the mail is sent, the text with the
 * code just opened, in memory. The slot is a format specifier, so every other {@code %} is doubled.
 */
final class AccessCodeMail {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String TEXT = """
            Dear %s,

            Voting is open in: %s
            Ballot: %s

            Your one-time access code: %s

            Use it once, before %s, to receive your ballot credential. Your vote is recorded
            separately from your name: nobody, including the party, can link the two.
            """;

    private AccessCodeMail() {
    }

    static String subject(AccessCodeIssued event) {
        return "Your access code: " + event.title();
    }

    /** The text with a slot where the code goes: it holds no code. */
    static String withSlot(AccessCodeIssued event) {
        return TEXT.formatted(literal(event.name()), literal(event.title()), literal(event.ballotId()), "%s",
                literal(WHEN.format(event.closesAt())));
    }

    /** The text to send: the code put in its slot. */
    static String withCode(String withSlot, String code) {
        return withSlot.formatted(code);
    }

    private static String literal(String text) {
        return String.valueOf(text).replace("%", "%%");
    }
}
