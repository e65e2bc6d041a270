package org.selectorate.notification.notice;

import org.junit.jupiter.api.Test;
import org.selectorate.contracts.ballot.TimetableEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ICalendarTest {
    private static final TimetableEvent.Meeting MEETING = new TimetableEvent.Meeting(
            "6f1c1d7e-0000-4000-8000-000000000001", 2, "Shortlisting; hustings, and Q&A",
            Instant.parse("2026-12-01T18:30:00Z"), Instant.parse("2026-12-01T20:00:00Z"),
            "Salle des fêtes, 1 Rue Émile-Zola — the long room at the back past the café counter", null, null);

    @Test
    void aRequestCarriesTheMeetingInUtcWithItsUidAndSequence() {
        String ics = ICalendar.invite(MEETING, false, "example.org", Instant.parse("2026-11-23T10:00:00Z"),
                "no-reply@example.org", "una@example.org", "Meeting changed");
        List<String> lines = unfolded(ics);
        assertEquals("BEGIN:VCALENDAR", lines.get(0));
        assertEquals("END:VCALENDAR", lines.get(lines.size() - 1));
        assertTrue(lines.contains("METHOD:REQUEST"));
        assertTrue(lines.contains("UID:meeting-6f1c1d7e-0000-4000-8000-000000000001@example.org"));
        assertTrue(lines.contains("SEQUENCE:2"));
        assertTrue(lines.contains("DTSTART:20261201T183000Z"));
        assertTrue(lines.contains("DTEND:20261201T200000Z"));
        assertTrue(lines.contains("DTSTAMP:20261123T100000Z"));
        assertTrue(lines.contains("STATUS:CONFIRMED"));
        assertTrue(lines.contains("SUMMARY:Shortlisting\\; hustings\\, and Q&A"), "TEXT is escaped");
        assertTrue(lines.contains("ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:una@example.org"));
        assertTrue(lines.contains("LOCATION:Salle des fêtes\\, 1 Rue Émile-Zola — the long room at the back past the "
                + "café counter"), "a folded line unfolds to the original");
    }

    @Test
    void aCancellationSaysCancel() {
        String ics = ICalendar.invite(MEETING, true, "example.org", Instant.now(), "a@example.org", "b@example.org",
                "Meeting cancelled");
        assertTrue(unfolded(ics).contains("METHOD:CANCEL"));
        assertTrue(unfolded(ics).contains("STATUS:CANCELLED"));
    }

    @Test
    void everyLineEndsInCrlfAndNoneIsLongerThan75OctetsNorSplitsACharacter() {
        String ics = ICalendar.invite(MEETING, false, "example.org", Instant.now(), "a@example.org", "b@example.org",
                "x".repeat(80) + "é".repeat(80) + "\n" + "🗳".repeat(30));
        assertTrue(ics.endsWith("\r\n"));
        assertFalse(ics.replace("\r\n", "").contains("\n"), "no bare LF");
        assertFalse(ics.replace("\r\n", "").contains("\r"), "no bare CR");
        String[] physical = ics.split("\r\n");
        boolean folded = false;
        for (String line : physical) {
            byte[] octets = line.getBytes(StandardCharsets.UTF_8);
            assertTrue(octets.length <= 75, "at most 75 octets: " + line);
            assertEquals(line, new String(octets, StandardCharsets.UTF_8), "whole characters only");
            assertFalse(line.isEmpty());
            folded |= line.startsWith(" ");
        }
        assertTrue(folded);
        String description = unfolded(ics).stream().filter(l -> l.startsWith("DESCRIPTION:")).findFirst().orElseThrow();
        assertEquals("DESCRIPTION:" + "x".repeat(80) + "é".repeat(80) + "\\n" + "🗳".repeat(30), description);
    }

    @Test
    void aLineOfExactly75OctetsIsNotFolded() {
        StringBuilder out = new StringBuilder();
        ICalendar.line(out, "X".repeat(75));
        assertEquals("X".repeat(75) + "\r\n", out.toString());
        out.setLength(0);
        ICalendar.line(out, "X".repeat(76));
        assertEquals("X".repeat(75) + "\r\n X\r\n", out.toString());
    }

    /** RFC 5545 3.1 unfolding: a CRLF followed by one space or tab is removed. */
    private static List<String> unfolded(String ics) {
        return Arrays.asList(ics.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n"));
    }
}
