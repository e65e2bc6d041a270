package org.selectorate.notification.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.contracts.ballot.TimetableEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Queues webhook deliveries in the caller's transaction, next to the change they report; {@link WebhookDispatcher}
 * sends them after commit. Bodies follow Standard Webhooks: {@code {"type", "timestamp", "data"}}.
 */
@ApplicationScoped
public class Webhooks {
    public static final String NOTICE = "notice";
    public static final String NOTICE_DELIVERED = "notice-delivered";
    public static final String NOTICE_FAILED = "notice-failed";
    public static final String NOTICE_ACKNOWLEDGED = "notice-acknowledged";
    public static final String NOTICE_BOUNCED = "notice-bounced";
    /** A certified result was declared ({@code data}: the {@code ResultDeclared} event). */
    public static final String RESULT_DECLARED = "result.declared";
    /** A scrutineer refused to certify a result ({@code data}: the {@code CertificationRefused} event). */
    public static final String CERTIFICATION_REFUSED = "certification.refused";
    /** What a subscription may ask for: every timetable kind, every notice outcome, declarations and refusals. */
    public static final List<String> KINDS = List.of(TimetableEvent.MEETING_SCHEDULED, TimetableEvent.MEETING_CHANGED,
            TimetableEvent.MEETING_CANCELLED, TimetableEvent.TRIGGER_OPENED, TimetableEvent.TRIGGER_CLOSED,
            TimetableEvent.NOMINATIONS_OPENED, TimetableEvent.NOMINATIONS_CLOSED,
            TimetableEvent.SHORTLIST, TimetableEvent.BALLOT_SCHEDULED, TimetableEvent.BALLOT_OPENED,
            TimetableEvent.BALLOT_CLOSED, TimetableEvent.RESULT, NOTICE_DELIVERED, NOTICE_FAILED, NOTICE_ACKNOWLEDGED,
            NOTICE_BOUNCED, RESULT_DECLARED, CERTIFICATION_REFUSED);

    private final ObjectMapper json;
    private final byte[] memberKey;

    public Webhooks(ObjectMapper json, WebhookConfig config) {
        this.json = json;
        this.memberKey = config.memberSecret().getBytes(StandardCharsets.UTF_8);
    }

    /** One delivery to each live subscription of the selection that asked for {@code type}. */
    public Uni<Void> publish(String selectionId, String type, Object data) {
        return WebhookSubscription.<WebhookSubscription>list("selectionId = ?1 and deletedAt is null order by createdAt",
                        selectionId)
                .map(subs -> subs.stream().filter(s -> s.kinds().contains(type)).toList())
                .chain(subs -> {
                    if (subs.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    String body = body(type, data);
                    // One at a time: a reactive session runs one statement at a time.
                    return Multi.createFrom().iterable(subs)
                            .onItem().transformToUniAndConcatenate(s -> delivery(selectionId, s.url, type, body, s.id, null)
                                    .persist())
                            .collect().last().replaceWithVoid();
                });
    }

    /** A committee member's own webhook: each notice, signed with the member's secret. */
    public Uni<Void> toMember(String selectionId, String memberId, String url, Object notice) {
        if (url == null) {
            return Uni.createFrom().voidItem();
        }
        return delivery(selectionId, url, NOTICE, body(NOTICE, notice), null, memberId).persist().replaceWithVoid();
    }

    /** The member's secret, derived rather than stored: {@code whsec_} + HMAC-SHA256 of the member id. */
    public String memberSecret(String memberId) {
        return WebhookSigner.secretOf(WebhookSigner.hmac(memberKey,
                ("committee-webhook:" + memberId).getBytes(StandardCharsets.UTF_8)));
    }

    private static WebhookDelivery delivery(String selectionId, String url, String type, String body,
                                            UUID subscriptionId, String memberId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        WebhookDelivery d = new WebhookDelivery();
        d.id = UUID.randomUUID();
        d.subscriptionId = subscriptionId;
        d.memberId = memberId;
        d.selectionId = selectionId;
        d.url = url;
        d.type = type;
        d.payload = body;
        d.status = WebhookDelivery.PENDING;
        d.createdAt = now;
        d.nextAttemptAt = now;
        return d;
    }

    private String body(String type, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        body.put("data", data);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook body not writable", e);
        }
    }
}
