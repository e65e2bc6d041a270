package org.selectorate.notification.notice;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A meeting as its latest step left it, with the notice its members are sent ({@link MemberMeetingNotices}); written
 * by native SQL only, read here.
 */
@Entity
@Table(name = "member_meeting")
public class MemberMeeting extends PanacheEntityBase {
    @Id
    @Column(name = "meeting_id")
    public String meetingId;

    @Column(name = "selection_id", nullable = false)
    public String selectionId;

    @Column(nullable = false)
    public int sequence;

    /** The latest step's kind: {@code meeting-scheduled}, {@code meeting-changed} or {@code meeting-cancelled}. */
    @Column(nullable = false)
    public String kind;

    /** The branch whose electors are summoned; null for a meeting open to every elector. */
    public String branch;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public String body;

    /** The meeting as announced ({@link MeetingJson}). */
    @Column(nullable = false)
    public String meeting;
}
