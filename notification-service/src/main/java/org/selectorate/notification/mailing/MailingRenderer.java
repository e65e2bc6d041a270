package org.selectorate.notification.mailing;

import io.quarkus.mailer.Mail;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.notification.member.MailConfig;
import org.selectorate.notification.member.MailSubject;
import org.selectorate.notification.member.MemberAlert;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Renders the candidate-mailing rows of a dispatch batch: the candidate's message, who it is from, and the
 * recipient's own signed unsubscribe link (also as a List-Unsubscribe header). No Reply-To: a reply would hand the
 * elector's address to the candidate.
 */
@ApplicationScoped
public class MailingRenderer {
    private final Unsubscribes unsubscribes;
    private final MailConfig config;

    public MailingRenderer(Unsubscribes unsubscribes, MailConfig config) {
        this.unsubscribes = unsubscribes;
        this.config = config;
    }

    /** Mail per alert id, for the alerts that belong to a mailing; the others are not in the map. */
    public Uni<Map<Long, Mail>> render(List<MemberAlert> alerts) {
        List<UUID> ids = alerts.stream().filter(a -> a.mailingId != null).map(a -> a.mailingId).distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Mailing.<Mailing>list("id in ?1", ids).map(mailings -> {
            Map<UUID, Mailing> byId = new HashMap<>();
            mailings.forEach(m -> byId.put(m.id, m));
            Map<Long, Mail> out = new HashMap<>();
            for (MemberAlert a : alerts) {
                Mailing m = a.mailingId == null ? null : byId.get(a.mailingId);
                if (m != null) {
                    out.put(a.id, mail(a, m));
                }
            }
            return out;
        });
    }

    private Mail mail(MemberAlert alert, Mailing m) {
        String link = config.publicUrl() + unsubscribes.link(m.selectionId, alert.membershipNumber);
        String body = """
                A message from candidate %s, sent through Selectorate to every member on the roll of this
                selection. Every candidate may send the same number of messages; the candidate does not
                see your address.

                ----------------------------------------------------------------------
                %s
                ----------------------------------------------------------------------

                To receive no more candidate messages for this selection: %s
                (your access code and alerts about your ballot will still come).
                """.formatted(m.candidateName, m.body, link);
        return Mail.withText(alert.recipient, MailSubject.of(m.subject), body)
                .addHeader("List-Unsubscribe", "<" + link + ">");
    }
}
