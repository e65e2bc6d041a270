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
            Dear %1$s,

            Voting is open in: %2$s
            Ballot: %3$s

            Your one-time access code: %4$s

            Vote on this page (the code travels after the #, which your browser keeps to itself):
            %6$s/vote/%3$s#code=%4$s

            Use it once, before %5$s, to receive your ballot credential. Your vote is recorded
            separately from your name: nobody, including the party, can link the two.
            """;

    private AccessCodeMail() {
    }

    static String subject(AccessCodeIssued event) {
        return "Your access code: " + event.title();
    }

    /**
     * The text with a slot where the code goes (twice: in words and in the vote page's link): it holds no code.
     *
     * @param publicUrl where members reach the gateway, for the link to the vote page
     */
    static String withSlot(AccessCodeIssued event, String publicUrl) {
        return TEXT.formatted(literal(event.name()), literal(event.title()), literal(event.ballotId()), "%1$s",
                literal(WHEN.format(event.closesAt())), literal(publicUrl));
    }

    /** The text to send: the code put in its slots. */
    static String withCode(String withSlot, String code) {
        return withSlot.formatted(code);
    }

    private static String literal(String text) {
        return String.valueOf(text).replace("%", "%%");
    }
}
