package org.selectorate.notification.notice;

import org.selectorate.contracts.ballot.TimetableEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * iCalendar (RFC 5545) invitations for meeting notices, in the iTIP (RFC 5546) methods REQUEST (scheduled or
 * changed) and CANCEL. The UID is the meeting's, so a calendar replaces its entry when a later SEQUENCE arrives.
 * Times are UTC; lines end in CRLF and are folded at 75 octets.
 */
final class ICalendar {
    static final String REQUEST = "REQUEST";
    static final String CANCEL = "CANCEL";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_OCTETS = 75;

    private ICalendar() {
    }

    /** @param organizer the address notices come from; {@code attendee} the member's */
    static String invite(TimetableEvent.Meeting meeting, boolean cancelled, String uidDomain, Instant stamp,
                         String organizer, String attendee, String description) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "PRODID:-//Selectorate//Committee notices//EN");
        line(out, "VERSION:2.0");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:" + (cancelled ? CANCEL : REQUEST));
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + uid(meeting, uidDomain));
        line(out, "SEQUENCE:" + meeting.sequence());
        line(out, "DTSTAMP:" + UTC.format(stamp));
        line(out, "DTSTART:" + UTC.format(meeting.startsAt()));
        line(out, "DTEND:" + UTC.format(meeting.endsAt()));
        line(out, "SUMMARY:" + text(meeting.title()));
        line(out, "LOCATION:" + text(meeting.location()));
        line(out, "DESCRIPTION:" + text(description));
        line(out, "STATUS:" + (cancelled ? "CANCELLED" : "CONFIRMED"));
        line(out, "ORGANIZER;CN=Selectorate:mailto:" + organizer);
        line(out, "ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:" + attendee);
        line(out, "END:VEVENT");
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    static String uid(TimetableEvent.Meeting meeting, String domain) {
        return "meeting-" + meeting.id() + "@" + domain;
    }

    /** TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped. */
    static String text(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    /**
     * Appends one content line, folded (RFC 5545 3.1): no line longer than 75 octets, continuation lines start with
     * a space, and a UTF-8 character is never split.
     */
    static void line(StringBuilder out, String content) {
        int octets = 0;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > MAX_OCTETS) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }
}
