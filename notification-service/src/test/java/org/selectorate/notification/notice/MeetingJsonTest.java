package org.selectorate.notification.notice;

import org.junit.jupiter.api.Test;
import org.selectorate.contracts.ballot.TimetableEvent;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MeetingJsonTest {
    @Test
    void aMeetingWrittenBeforeBranchesWereAnnouncedReadsAsOpenToEveryElector() {
        TimetableEvent.Meeting old = MeetingJson.read("""
                {"id":"m-1","sequence":2,"title":"Hustings","startsAt":"2026-12-01T18:30:00Z",
                 "endsAt":"2026-12-01T20:00:00Z","location":"Town Hall","reason":null}""");
        assertEquals("Hustings", old.title());
        assertEquals(2, old.sequence());
        assertNull(old.branch());
    }

    @Test
    void aBranchMeetingKeepsItsBranch() {
        TimetableEvent.Meeting meeting = new TimetableEvent.Meeting("m-2", 0, "North branch", Instant.parse(
                "2026-12-01T18:30:00Z"), Instant.parse("2026-12-01T20:00:00Z"), "Hall", null, "B-NORTH");
        assertEquals(meeting, MeetingJson.read(MeetingJson.write(meeting)));
    }
}
