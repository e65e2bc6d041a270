package org.selectorate.ballot.committee;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A timetable notice notification-service delivered to a committee member (from {@code NoticeDelivered}), and
 * whether it bounced for good afterwards ({@code NoticeBounced}).
 */
@Entity
@Table(name = "notice_delivery")
public class NoticeDelivery extends PanacheEntityBase {
    @Id
    @Column(name = "notice_id")
    public String noticeId;

    @Column(name = "selection_id", nullable = false)
    public UUID selectionId;

    @Column(name = "member_id", nullable = false)
    public UUID memberId;

    @Column(nullable = false)
    public String kind;

    @Column(name = "delivered_at", nullable = false)
    public Instant deliveredAt;

    /** The meeting a meeting notice told of, and at which sequence; null for other notices. */
    @Column(name = "meeting_id")
    public UUID meetingId;

    public Integer sequence;

    /** Set by a permanent bounce: the notice no longer counts. */
    @Column(name = "bounced_at")
    public Instant bouncedAt;
}
