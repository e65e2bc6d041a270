package org.selectorate.notification.mailing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.selectorate.contracts.Roles;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditScope;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.notification.member.MemberAlert;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.Problem;
import org.selectorate.support.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Candidate mailings: sent by the platform to the selection's frozen electorate on behalf of a candidate, only by
 * the candidate's own account or an agent, within the rulebook's quota (the same for every candidate). Each
 * mailing is recorded and shown equally to every candidate, scrutineers and admins; nobody is shown the recipients.
 */
@ApplicationScoped
public class MailingService {
    static final String KIND = "candidate-mailing";
    private static final Set<String> ADMINS = Set.of(Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN);

    /** One pending mail per elector of the roll version who has not unsubscribed; bodies are rendered at send. */
    private static final String QUEUE = """
            insert into member_alert (kind, selection_id, mailing_id, membership_number, recipient, subject, status,
                                      attempts, next_attempt_at, created_at)
            select ?1, e.selection_id, ?2, e.membership_number, e.email, ?3, ?4, 0, ?5, ?5
            from roll_elector e
            where e.selection_id = ?6 and e.version = ?7
              and not exists (select 1 from mailing_unsubscribe u
                              where u.selection_id = e.selection_id and u.membership_number = e.membership_number)
            """;
    /** The latest roll version whose every chunk has arrived. */
    private static final String LATEST_ROLL = """
            select r.version from mailing_roll r
            where r.selection_id = ?1
              and (select count(*) from mailing_roll_chunk c
                   where c.selection_id = r.selection_id and c.version = r.version) = r.chunks
            order by r.version desc limit 1
            """;

    private static final String SUBJECT_EXAMPLE = "Meet Asha Patel at the hustings on 10 December";
    private static final String BODY_EXAMPLE = "Dear member,\n\nI am standing to be our candidate for NW-001. "
            + "Come and put your questions to me at the hustings on 10 December at 19:00.\n\nAsha Patel";

    private final AuditTrail audit;

    public MailingService(AuditTrail audit) {
        this.audit = audit;
    }

    public record NewMailing(@Schema(example = SUBJECT_EXAMPLE) String subject,
                             @Schema(example = BODY_EXAMPLE) String body) {
    }

    /** A mailing as everyone entitled sees it: counts only, never recipients. */
    public record MailingView(@Schema(example = "8b3e5d1a-6f2c-4a9e-b4d7-3c1f8e2a5b96") UUID id,
                              @Schema(example = "5f0c2a9e-1d3b-4c7a-8e6f-9a2b3c4d5e6f") String selectionId,
                              @Schema(example = "Asha Patel") String candidate,
                              @Schema(example = "asha.patel") String sentBy,
                              @Schema(example = "2026-12-08T17:00:00Z") Instant sentAt,
                              @Schema(example = SUBJECT_EXAMPLE) String subject,
                              @Schema(example = BODY_EXAMPLE) String body,
                              @Schema(example = "1187") int recipients) {
        static MailingView of(Mailing m) {
            return new MailingView(m.id, m.selectionId, m.candidateName, m.sentBy, m.sentAt, m.subject, m.body,
                    m.recipients);
        }
    }

    public Uni<MailingView> send(String selectionId, NewMailing request, Caller caller) {
        NewMailing mailing = validate(request);
        if (caller.roles().stream().anyMatch(ADMINS::contains)) {
            throw ProblemException.forbidden("an admin cannot send on a candidate's behalf: candidate mailings are "
                    + "sent only by the candidate's own account or their agents");
        }
        return Panache.withTransaction(() -> MailingSelection.<MailingSelection>findById(selectionId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("selection " + selectionId))
                .chain(selection -> actingFor(selection, caller).chain(candidate -> {
                    if (candidate.withdrawnAt != null) {
                        throw ProblemException.conflict("candidate-withdrawn", candidate.name
                                + " has withdrawn; no mailing can be sent on their behalf");
                    }
                    // Locking the candidate serialises their sends, so two at once cannot both fit the quota.
                    return Panache.getSession().chain(session -> session.createNativeQuery(
                                    "select candidate_id from mailing_candidate where candidate_id = ?1 for update",
                                    String.class).setParameter(1, candidate.candidateId).getResultList())
                            .chain(locked -> withinQuota(selection, candidate))
                            .chain(() -> latestRoll(selectionId))
                            .chain(version -> record(selection, candidate, version, mailing, caller));
                })));
    }

    @WithSession
    public Uni<List<MailingView>> list(String selectionId, Caller caller) {
        return MailingSelection.<MailingSelection>findById(selectionId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("selection " + selectionId))
                .chain(selection -> mayRead(selection, caller))
                .chain(() -> Mailing.<Mailing>list("selectionId = ?1 order by sentAt", selectionId))
                .map(all -> all.stream().map(MailingView::of).toList());
    }

    /** Admins and scrutineers in the selection's area, and anyone acting for one of its candidates. */
    private static Uni<Void> mayRead(MailingSelection selection, Caller caller) {
        boolean officer = caller.roles().contains(Roles.SCRUTINEER) || caller.roles().stream().anyMatch(ADMINS::contains);
        if (officer && caller.covers(selection.region, selection.constituency)) {
            return Uni.createFrom().voidItem();
        }
        return MailingCandidate.<MailingCandidate>list("selectionId", selection.selectionId).invoke(candidates -> {
            if (!caller.roles().contains(Roles.CANDIDATE)
                    || candidates.stream().noneMatch(c -> c.actsFor(caller.name()))) {
                throw ProblemException.notFound("selection " + selection.selectionId);
            }
        }).replaceWithVoid();
    }

    private static Uni<MailingCandidate> actingFor(MailingSelection selection, Caller caller) {
        return MailingCandidate.<MailingCandidate>list("selectionId", selection.selectionId).map(candidates -> {
            MailingCandidate mine = caller.roles().contains(Roles.CANDIDATE) ? candidates.stream()
                    .filter(c -> c.actsFor(caller.name())).findFirst().orElse(null) : null;
            if (mine == null) {
                throw ProblemException.forbidden("only a candidate of this selection, from their own account or an "
                        + "agent's, may send a mailing to its electorate");
            }
            return mine;
        });
    }

    /** 429 naming the quota and when the next mailing may go, once the candidate has used the period's quota. */
    private static Uni<Void> withinQuota(MailingSelection selection, MailingCandidate candidate) {
        Instant now = Instant.now();
        Duration period = Duration.ofDays(selection.periodDays);
        return Mailing.<Mailing>list("candidateId = ?1 and sentAt > ?2 order by sentAt desc", candidate.candidateId,
                now.minus(period)).invoke(recent -> {
            if (recent.size() < selection.quota) {
                return;
            }
            String next = selection.quota == 0 ? "never under this rulebook"
                    : recent.get(selection.quota - 1).sentAt.plus(period).truncatedTo(ChronoUnit.SECONDS).toString();
            throw new ProblemException(Problem.of(429, "mailing-quota", "Mailing quota used",
                    "the rulebook allows every candidate " + selection.quota + " mailing(s) in any "
                            + selection.periodDays + " day(s); " + candidate.name + " has sent " + recent.size()
                            + " in the last " + selection.periodDays + " day(s); the next may be sent at " + next));
        }).replaceWithVoid();
    }

    private static Uni<Integer> latestRoll(String selectionId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(LATEST_ROLL, Integer.class)
                        .setParameter(1, selectionId).getResultList())
                .map(versions -> {
                    if (versions.isEmpty()) {
                        throw ProblemException.conflict("roll-not-frozen",
                                "the selection's roll is not frozen yet: there is no electorate to write to");
                    }
                    return versions.get(0);
                });
    }

    private Uni<MailingView> record(MailingSelection selection, MailingCandidate candidate, int version,
                                           NewMailing request, Caller caller) {
        Mailing m = new Mailing();
        m.id = UUID.randomUUID();
        m.selectionId = selection.selectionId;
        m.candidateId = candidate.candidateId;
        m.candidateName = candidate.name;
        m.sentBy = caller.name();
        m.sentAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        m.subject = request.subject();
        m.body = request.body();
        m.rollVersion = version;
        return m.persist()
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(QUEUE)
                        .setParameter(1, KIND).setParameter(2, m.id).setParameter(3, m.subject)
                        .setParameter(4, MemberAlert.PENDING).setParameter(5, m.sentAt)
                        .setParameter(6, m.selectionId).setParameter(7, version).executeUpdate()))
                .map(queued -> {
                    m.recipients = queued;
                    return MailingView.of(m);
                })
                // On the audit log as well as the mailings' own record: the log is signed and chained, so a mailing
                // struck from the record afterwards would show as a gap.
                .call(view -> audit.record(AuditAction.named("mailing.send")
                        .in(AuditScope.selection(selection.region, selection.constituency, selection.selectionId))
                        .on("selection/" + m.selectionId + "/mailing/" + m.id)
                        .after(AuditState.of(Map.of("candidate", m.candidateName, "subject", m.subject,
                                "body", Digest.sha256(m.body.getBytes(StandardCharsets.UTF_8)).hex(),
                                "rollVersion", version, "recipients", view.recipients())))
                        .build()));
    }

    private static NewMailing validate(NewMailing request) {
        String subject = request == null || request.subject() == null ? "" : request.subject().strip();
        String body = request == null || request.body() == null ? "" : request.body().strip();
        List<String> errors = new ArrayList<>();
        if (subject.isEmpty() || subject.length() > 200 || subject.chars().anyMatch(Character::isISOControl)) {
            errors.add("subject: 1-200 characters on one line");
        }
        if (body.isEmpty() || body.length() > 20_000) {
            errors.add("body: 1-20,000 characters");
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("the mailing is invalid; nothing was sent", errors);
        }
        return new NewMailing(subject, body);
    }
}
