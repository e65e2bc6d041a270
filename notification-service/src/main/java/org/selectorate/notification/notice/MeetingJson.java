package org.selectorate.notification.notice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.selectorate.contracts.ballot.TimetableEvent;

/** A step's or notice's meeting is kept as the JSON of {@link TimetableEvent.Meeting}, as announced. */
final class MeetingJson {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private MeetingJson() {
    }

    static String write(TimetableEvent.Meeting meeting) {
        if (meeting == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(meeting);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("meeting not writable", e);
        }
    }

    static TimetableEvent.Meeting read(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, TimetableEvent.Meeting.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored meeting unreadable", e);
        }
    }
}
