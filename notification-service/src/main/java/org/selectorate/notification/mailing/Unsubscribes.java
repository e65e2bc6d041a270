package org.selectorate.notification.mailing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.selectorate.support.problem.ProblemException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** An elector's signed opt-out of a selection's candidate mailings; alerts and access codes are not affected. */
@ApplicationScoped
public class Unsubscribes {
    private final UnsubscribeSigner signer;

    public Unsubscribes(UnsubscribeSigner signer) {
        this.signer = signer;
    }

    public record Unsubscribed(@Schema(example = "5f0c2a9e-1d3b-4c7a-8e6f-9a2b3c4d5e6f") String selectionId,
                               boolean unsubscribed) {
    }

    /** The link printed in each mailing, relative to the gateway. */
    public String link(String selectionId, String membershipNumber) {
        return "/api/notifications/public/unsubscribe?selection=" + encode(selectionId) + "&member="
                + encode(membershipNumber) + "&token=" + signer.token(selectionId, membershipNumber);
    }

    /** A GET is what a mail link can do; repeating it changes nothing. */
    public Uni<Unsubscribed> unsubscribe(String selectionId, String membershipNumber, String token) {
        if (!signer.verify(selectionId, membershipNumber, token)) {
            throw ProblemException.forbidden("this unsubscribe link is not valid");
        }
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into mailing_unsubscribe (selection_id, membership_number, unsubscribed_at) "
                                + "values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, selectionId).setParameter(2, membershipNumber).setParameter(3, Instant.now())
                .executeUpdate()))
                .replaceWith(new Unsubscribed(selectionId, true));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
