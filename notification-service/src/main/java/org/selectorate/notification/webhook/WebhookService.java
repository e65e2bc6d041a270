package org.selectorate.notification.webhook;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditScope;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.notification.notice.CommitteeSeat;
import org.selectorate.notification.notice.SelectionArea;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Subscriptions to a selection's events, their deliveries, and committee members' webhook secrets. Subscribing,
 * deleting and handing out a member's secret are on the audit log: each decides where a selection's events go.
 */
@ApplicationScoped
public class WebhookService {
    private final WebhookTargets targets;
    private final Webhooks webhooks;
    private final AuditTrail audit;

    public WebhookService(WebhookTargets targets, Webhooks webhooks, AuditTrail audit) {
        this.targets = targets;
        this.webhooks = webhooks;
        this.audit = audit;
    }

    /** The URL's host is resolved and checked before the transaction opens, so a slow resolver holds no connection. */
    public Uni<WebhookViews.Created> subscribe(String selectionId, WebhookViews.NewSubscription request, Caller caller) {
        String url = request.url().strip();
        Set<String> kinds = new LinkedHashSet<>();
        List<String> kindErrors = new ArrayList<>();
        for (String kind : request.events()) {
            if (Webhooks.KINDS.contains(kind.strip())) {
                kinds.add(kind.strip());
            } else {
                kindErrors.add("events: " + kind + " is not one of " + String.join(", ", Webhooks.KINDS));
            }
        }
        return targets.problems(url).chain(urlErrors -> {
            List<String> errors = new ArrayList<>(urlErrors);
            errors.addAll(kindErrors);
            if (!errors.isEmpty()) {
                return Uni.createFrom().failure(ProblemException.badRequest("the subscription is not valid", errors));
            }
            return Panache.withTransaction(() -> persist(selectionId, url, kinds, caller));
        }).map(s -> new WebhookViews.Created(s.id, s.selectionId, s.url, s.kinds(), s.secret, s.createdBy, s.createdAt));
    }

    private Uni<WebhookSubscription> persist(String selectionId, String url, Set<String> kinds, Caller caller) {
        return inArea(selectionId, caller).chain(area -> {
            WebhookSubscription s = new WebhookSubscription();
            s.id = UUID.randomUUID();
            s.selectionId = selectionId;
            s.url = url;
            s.events = String.join(",", kinds);
            s.secret = WebhookSigner.newSecret();
            s.createdBy = caller.name();
            s.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return s.<WebhookSubscription>persist()
                    .call(() -> audit.record(AuditAction.named("webhook.subscribe").in(scope(area))
                            .on(target(s)).after(AuditState.of(described(s))).build()));
        });
    }

    @WithSession
    public Uni<List<WebhookViews.Subscription>> list(String selectionId, Caller caller) {
        return inArea(selectionId, caller)
                .chain(() -> WebhookSubscription.<WebhookSubscription>list(
                        "selectionId = ?1 and deletedAt is null order by createdAt", selectionId))
                .map(subs -> subs.stream().map(WebhookViews.Subscription::of).toList());
    }

    /** Deliveries still pending are not sent once their subscription is deleted. */
    @WithTransaction
    public Uni<Void> delete(String selectionId, UUID id, Caller caller) {
        return inArea(selectionId, caller).chain(area -> WebhookSubscription
                .find("id = ?1 and selectionId = ?2 and deletedAt is null", id, selectionId)
                .<WebhookSubscription>firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("webhook " + id))
                .invoke(s -> s.deletedAt = Instant.now().truncatedTo(ChronoUnit.MICROS))
                .call(s -> audit.record(AuditAction.named("webhook.delete").in(scope(area))
                        .on(target(s)).before(AuditState.of(described(s))).build())))
                .replaceWithVoid();
    }

    /** A deleted subscription, or one its receiver ended with 410 Gone, keeps its deliveries readable. */
    @WithSession
    public Uni<List<WebhookViews.Delivery>> deliveries(String selectionId, UUID id, Caller caller) {
        return inArea(selectionId, caller)
                .chain(() -> WebhookSubscription.find("id = ?1 and selectionId = ?2", id, selectionId)
                        .<WebhookSubscription>firstResult())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("webhook " + id))
                .chain(s -> WebhookDelivery.<WebhookDelivery>list("subscriptionId = ?1 order by createdAt, id", s.id))
                .map(ds -> ds.stream().map(WebhookViews.Delivery::of).toList());
    }

    /**
     * For an admin to hand to the member: the secret their webhook's deliveries are signed with. Whoever holds it
     * can forge deliveries to the member, so each handing-out is on the audit log.
     */
    @WithTransaction
    public Uni<WebhookViews.MemberSecret> memberSecret(String selectionId, String memberId, Caller caller) {
        return inArea(selectionId, caller).chain(area -> CommitteeSeat
                .find("memberId = ?1 and selectionId = ?2", memberId, selectionId).<CommitteeSeat>firstResult()
                .map(seat -> {
                    if (seat == null || seat.webhook == null) {
                        throw ProblemException.notFound("webhook of committee member " + memberId);
                    }
                    return new WebhookViews.MemberSecret(seat.memberId, seat.webhook, webhooks.memberSecret(seat.memberId));
                })
                .call(secret -> audit.record(AuditAction.named("committee.webhook-secret.disclose").in(scope(area))
                        .on("selection/" + selectionId + "/committee/" + memberId + "/webhook-secret")
                        .after(AuditState.of(Map.of("webhook", secret.webhook()))).build())));
    }

    /**
     * HQ anywhere; an integration or a regional admin in the areas its token names, as everywhere else on the platform.
     * Out of area, or unknown, looks absent.
     */
    private static Uni<SelectionArea> inArea(String selectionId, Caller caller) {
        return SelectionArea.of(selectionId).invoke(area -> {
            if (area == null || !(caller.isHq() || caller.covers(area.region, area.constituency))) {
                throw ProblemException.notFound("selection " + selectionId);
            }
        });
    }

    private static AuditScope scope(SelectionArea area) {
        return AuditScope.selection(area.region, area.constituency, area.selectionId);
    }

    private static String target(WebhookSubscription s) {
        return "selection/" + s.selectionId + "/webhook/" + s.id;
    }

    /** Where the events go and which: never the signing secret. */
    private static Map<String, Object> described(WebhookSubscription s) {
        return Map.of("url", s.url, "events", List.copyOf(s.kinds()));
    }
}
