package org.selectorate.notification.notice;

import io.quarkus.mailer.Mail;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The {@code meeting.ics} of a meeting notice, the same for the committee's notices and the members': one UID per
 * meeting, so every calendar that received one replaces its entry when a later sequence arrives.
 */
@ApplicationScoped
public class MeetingInvite {
    private final NoticeConfig config;
    private final String organizer;

    public MeetingInvite(NoticeConfig config, @ConfigProperty(name = "quarkus.mailer.from") String from) {
        this.config = config;
        // "Name <address>" or a bare address: the calendar's ORGANIZER is the address
        int open = from.indexOf('<');
        this.organizer = open >= 0 ? from.substring(open + 1, from.indexOf('>', open)).strip() : from.strip();
    }

    /**
     * Attaches the invitation (REQUEST) or its cancellation (CANCEL) to {@code mail}.
     *
     * @param meetingJson the meeting as announced ({@link MeetingJson})
     * @param attendee    the recipient's address
     */
    public Mail attach(Mail mail, String meetingJson, boolean cancelled, String attendee, String description) {
        String invite = ICalendar.invite(MeetingJson.read(meetingJson), cancelled, config.messageIdDomain(),
                Instant.now(), organizer, attendee, description);
        return mail.addAttachment("meeting.ics", invite.getBytes(StandardCharsets.UTF_8),
                "text/calendar; charset=UTF-8; method=" + (cancelled ? ICalendar.CANCEL : ICalendar.REQUEST));
    }
}
