package org.selectorate.ballot.appeal;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;
import org.selectorate.ballot.ballot.Ballot;
import org.selectorate.ballot.electorate.Elector;
import org.selectorate.ballot.selection.Candidate;
import org.selectorate.ballot.selection.Rulebook;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.ballot.selection.SelectionAccess;
import org.selectorate.contracts.Roles;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.AppealAcknowledged;
import org.selectorate.contracts.ballot.BallotOpened;
import org.selectorate.contracts.result.RecountCompleted;
import org.selectorate.contracts.result.RecountOrdered;
import org.selectorate.contracts.result.ResultDeclared;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.support.problem.ProblemException;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Appeals against a declared result: lodged within the rulebook's window after the declaration by a candidate of
 * the selection or a member on its final ballot's roll, acknowledged with a reference, decided once by HQ with
 * reasons (dismissed; or upheld with a recount, which tally-service runs from the record, or a re-run, which annuls
 * the declared ballot so that a new one may be scheduled), and published with the selection.
 */
@ApplicationScoped
public class AppealService {
    private static final Logger LOG = Logger.getLogger(AppealService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    /** The claim a member's token carries their membership number in (a Keycloak user attribute). */
    public static final String MEMBERSHIP_NUMBER_CLAIM = "membershipNumber";

    private final Outbox outbox;
    private final AuditTrail audit;

    public AppealService(Outbox outbox, AuditTrail audit) {
        this.outbox = outbox;
        this.audit = audit;
    }

    /** Who is appealing: a candidate of the selection (by their account) or a member on the ballot's roll. */
    private record Appellant(String kind, Candidate candidate, Elector member) {
    }

    /** Keeps a final ballot's declaration, once; call in the inbox's transaction. */
    public Uni<Void> declared(ResultDeclared event) {
        UUID ballotId = UUID.fromString(event.ballotId());
        return ResultDeclaration.findById(ballotId).chain(known -> known != null ? Uni.createFrom().voidItem()
                : Ballot.<Ballot>findById(ballotId).chain(b -> {
                    if (b == null || !BallotOpened.FINAL.equals(b.kind) || event.declaredAt() == null) {
                        LOG.warnf("a declaration of %s, which is no final ballot of ours or says not when", ballotId);
                        return Uni.createFrom().voidItem();
                    }
                    ResultDeclaration d = new ResultDeclaration();
                    d.ballotId = b.id;
                    d.selectionId = b.selectionId;
                    d.elected = CanonicalJson.write(event.elected() == null ? List.of() : event.elected());
                    d.declaredBy = event.declaredBy();
                    d.declaredAt = event.declaredAt();
                    return d.persist().replaceWithVoid();
                }));
    }

    /** Records a recount's outcome on the appeal that ordered it, once; call in the inbox's transaction. */
    public Uni<Void> recounted(RecountCompleted event) {
        UUID appealId;
        try {
            appealId = UUID.fromString(event.appealId());
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.warnf("a recount of %s for no appeal of ours", event.ballotId());
            return Uni.createFrom().voidItem();
        }
        return Appeal.<Appeal>findById(appealId, LockModeType.PESSIMISTIC_WRITE).chain(a -> {
            if (a == null || !Appeal.RECOUNT.equals(a.remedy) || a.recountSame != null) {
                LOG.warnf("a recount for appeal %s, which ordered none or has its outcome", appealId);
                return Uni.createFrom().voidItem();
            }
            a.recountElected = CanonicalJson.write(event.elected() == null ? List.of() : event.elected());
            a.recountSame = event.sameResult();
            a.recountedOn = today();
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * Lodges an appeal against the selection's declared final ballot. Refused, with nothing kept: 403 for anyone but
     * a candidate of the selection or a member on the ballot's roll; 409 {@code not-declared} before the declaration,
     * {@code appeal-window-closed} after the rulebook's window.
     */
    @WithTransaction
    public Uni<AppealViews.Acknowledgement> lodge(UUID selectionId, AppealViews.NewAppeal request, Caller caller,
                                                  String membershipNumber) {
        Instant now = Instant.now();
        return Selection.<Selection>findById(selectionId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("selection " + selectionId))
                .chain(s -> Ballot.finalOf(s.id)
                        .onItem().ifNull().failWith(AppealService::notDeclared)
                        .chain(b -> appellant(s, b, caller, membershipNumber)
                                .chain(who -> ResultDeclaration.<ResultDeclaration>findById(b.id)
                                        .onItem().ifNull().failWith(AppealService::notDeclared)
                                        .chain(d -> Rulebook.current(s).chain(rulebook -> {
                                            Instant closes = windowCloses(d, rulebook);
                                            if (now.isAfter(closes)) {
                                                throw ProblemException.conflict("appeal-window-closed",
                                                        "appeals against this result could be lodged until "
                                                                + closes + " (" + rulebook.appealWindowDays()
                                                                + " days after its declaration)");
                                            }
                                            Appeal a = new Appeal();
                                            a.id = UUID.randomUUID();
                                            a.reference = reference();
                                            a.selectionId = s.id;
                                            a.ballotId = b.id;
                                            a.appellantKind = who.kind();
                                            a.candidateId = who.candidate() == null ? null : who.candidate().id;
                                            a.lodgedBy = caller.name();
                                            a.grounds = request.grounds().strip();
                                            a.lodgedOn = today();
                                            a.status = Appeal.LODGED;
                                            String name = who.candidate() == null ? null : who.candidate().name;
                                            return a.persist()
                                                    .call(() -> acknowledge(s, a, who.member()))
                                                    .call(() -> audit.record(AuditAction.named("appeal.lodge")
                                                            .in(s.auditScope()).on(target(s, a))
                                                            .after(AuditState.of(lodged(a, name))).build()))
                                                    .map(x -> new AppealViews.Acknowledgement(a.reference,
                                                            AppealViews.AppealView.of(a, name, true), d.declaredAt,
                                                            closes, "Your appeal " + a.reference + " against the "
                                                            + "result declared on " + day(d.declaredAt)
                                                            + " was lodged on " + a.lodgedOn + ". HQ will decide "
                                                            + "it with reasons; the grounds, status and decision "
                                                            + "are published with the selection"
                                                            + (name == null ? ", without your name. A copy of this "
                                                            + "acknowledgement is mailed to your address on the roll."
                                                            : ".")));
                                        })))));
    }

    /**
     * A member appellant is also told by mail, at the contact the roll held ({@link AppealAcknowledged}); a candidate
     * has no contact here and has the response alone.
     */
    private Uni<Void> acknowledge(Selection s, Appeal a, Elector member) {
        if (member == null) {
            return Uni.createFrom().voidItem();
        }
        return outbox.record(Topics.CREDENTIALS, a.ballotId.toString(), AppealAcknowledged.TYPE,
                new AppealAcknowledged(a.ballotId.toString(), s.id.toString(), s.title, member.email, member.name,
                        a.reference, a.lodgedOn));
    }

    /**
     * HQ decides an appeal, once: dismissed, or upheld with a remedy. A recount is ordered from tally-service
     * ({@link RecountOrdered}); a re-run annuls the declared final ballot, so a new one may be scheduled.
     */
    @WithTransaction
    public Uni<AppealViews.AppealView> decide(UUID appealId, AppealViews.Decision decision, Caller caller) {
        boolean upheld = Appeal.UPHELD.equals(decision.outcome());
        if (upheld && decision.remedy() == null) {
            return Uni.createFrom().failure(ProblemException.badRequest("an upheld appeal needs a remedy",
                    List.of("remedy: recount or re-run when the appeal is upheld")));
        }
        if (!upheld && decision.remedy() != null) {
            return Uni.createFrom().failure(ProblemException.badRequest("a dismissed appeal has no remedy",
                    List.of("remedy: only with outcome upheld")));
        }
        return Appeal.<Appeal>findById(appealId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("appeal " + appealId))
                .chain(a -> Selection.<Selection>findById(a.selectionId)
                        .map(s -> SelectionAccess.requireInArea(s, caller, "appeal " + appealId))
                        .chain(s -> {
                            if (a.decided()) {
                                throw ProblemException.conflict("appeal-decided", "appeal " + a.reference
                                        + " was already decided (" + a.status + ") on " + a.decidedOn);
                            }
                            Map<String, Object> before = decided(a);
                            a.status = decision.outcome();
                            a.remedy = decision.remedy();
                            a.reasons = decision.reasons().strip();
                            a.decidedBy = caller.name();
                            a.decidedOn = today();
                            return remedy(a).call(() -> audit.record(AuditAction.named("appeal.decide")
                                            .in(s.auditScope()).on(target(s, a)).before(AuditState.of(before))
                                            .after(AuditState.of(decided(a))).reason(a.reasons).build()))
                                    .chain(() -> view(a, true));
                        }));
    }

    private Uni<Void> remedy(Appeal a) {
        if (Appeal.RECOUNT.equals(a.remedy)) {
            return outbox.record(Topics.RESULTS, a.ballotId.toString(), RecountOrdered.TYPE,
                    new RecountOrdered(a.ballotId.toString(), a.selectionId.toString(), a.id.toString()));
        }
        if (Appeal.RE_RUN.equals(a.remedy)) {
            return Ballot.<Ballot>findById(a.ballotId, LockModeType.PESSIMISTIC_WRITE).invoke(b -> {
                // Annulled once: a second upheld re-run against the same ballot is recorded, and annuls nothing more.
                if (b.annulledAt == null) {
                    b.annulledAt = Instant.now();
                    b.annulledByAppeal = a.id;
                }
            }).replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    /** The selection's appeals for its officials in area; HQ, who decides them, also sees who lodged each. */
    @WithSession
    public Uni<AppealViews.SelectionAppeals> ofSelection(UUID selectionId, Caller caller) {
        return Selection.<Selection>findById(selectionId)
                .map(s -> SelectionAccess.requireInArea(s, caller, "selection " + selectionId))
                .chain(s -> appeals(s, caller.isHq()));
    }

    /** The selection's appeals as published: 404 until a result of the selection has been declared. */
    @WithSession
    public Uni<AppealViews.SelectionAppeals> published(UUID selectionId) {
        return Selection.<Selection>findById(selectionId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("selection " + selectionId))
                .call(s -> ResultDeclaration.count("selectionId", s.id).invoke(n -> {
                    if (n == 0) {
                        throw ProblemException.notFound("appeals of selection " + selectionId);
                    }
                }))
                .chain(s -> appeals(s, false));
    }

    private Uni<AppealViews.SelectionAppeals> appeals(Selection s, boolean withAppellant) {
        return Ballot.finalOf(s.id)
                .chain(b -> b == null ? Uni.createFrom().<ResultDeclaration>nullItem()
                        : ResultDeclaration.<ResultDeclaration>findById(b.id))
                .chain(d -> Rulebook.current(s).chain(rulebook -> Appeal.<Appeal>list(
                                "selectionId = ?1 order by lodgedOn, reference", s.id)
                        .chain(list -> candidateNames(s.id).map(names -> new AppealViews.SelectionAppeals(s.id,
                                d == null ? null : d.ballotId, d == null ? null : d.declaredAt,
                                d == null ? null : d.electedList(), rulebook.appealWindowDays(),
                                d == null ? null : windowCloses(d, rulebook),
                                list.stream().map(a -> AppealViews.AppealView.of(a,
                                        a.candidateId == null ? null : names.get(a.candidateId),
                                        withAppellant)).toList())))));
    }

    private static Uni<AppealViews.AppealView> view(Appeal a, boolean withAppellant) {
        return a.candidateId == null ? Uni.createFrom().item(AppealViews.AppealView.of(a, null, withAppellant))
                : Candidate.<Candidate>findById(a.candidateId)
                        .map(c -> AppealViews.AppealView.of(a, c == null ? null : c.name, withAppellant));
    }

    private static Uni<Map<UUID, String>> candidateNames(UUID selectionId) {
        return Candidate.<Candidate>list("selectionId", selectionId)
                .map(list -> list.stream().collect(Collectors.toMap(c -> c.id, c -> c.name)));
    }

    /**
     * A candidate of the selection whose account is the caller's username, or a member whose token's membership
     * number is on the ballot's roll (the version it opened with); anyone else is refused.
     */
    private static Uni<Appellant> appellant(Selection s, Ballot b, Caller caller, String membershipNumber) {
        Uni<Candidate> candidate = caller.roles().contains(Roles.CANDIDATE)
                ? Candidate.<Candidate>find("selectionId = ?1 and account = ?2", s.id, caller.name()).firstResult()
                : Uni.createFrom().nullItem();
        return candidate.chain(c -> {
            if (c != null) {
                return Uni.createFrom().item(new Appellant(Appeal.BY_CANDIDATE, c, null));
            }
            if (!caller.roles().contains(Roles.MEMBER) || membershipNumber == null || b.rollVersion == null) {
                return Uni.createFrom().failure(notEntitled());
            }
            return Elector.<Elector>find("selectionId = ?1 and version = ?2 and membershipNumber = ?3", s.id,
                    b.rollVersion, membershipNumber).firstResult().map(e -> {
                        if (e == null) {
                            throw notEntitled();
                        }
                        return new Appellant(Appeal.BY_MEMBER, null, e);
                    });
        });
    }

    private static Instant windowCloses(ResultDeclaration d, Rulebook rulebook) {
        return d.declaredAt.plus(Duration.ofDays(rulebook.appealWindowDays()));
    }

    private static ProblemException notDeclared() {
        return ProblemException.conflict("not-declared", "the selection's result has not been declared: an appeal "
                + "may be lodged only after the declaration");
    }

    private static ProblemException notEntitled() {
        return ProblemException.forbidden("only a candidate of the selection or a member on its roll may appeal");
    }

    private static String reference() {
        StringBuilder out = new StringBuilder("AP-");
        for (int i = 0; i < 10; i++) {
            out.append(CROCKFORD.charAt(RANDOM.nextInt(CROCKFORD.length())));
        }
        return out.toString();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static LocalDate day(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static String target(Selection s, Appeal a) {
        return s.auditTarget() + "/appeal/" + a.id;
    }

    /** The lodging as the audit log keeps it: no membership number, only whether a member or which candidate. */
    private static Map<String, Object> lodged(Appeal a, String candidate) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reference", a.reference);
        m.put("ballot", a.ballotId.toString());
        m.put("appellant", a.appellantKind);
        m.put("candidate", candidate);
        m.put("grounds", a.grounds);
        m.put("lodgedOn", a.lodgedOn.toString());
        m.put("status", a.status);
        return m;
    }

    private static Map<String, Object> decided(Appeal a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reference", a.reference);
        m.put("status", a.status);
        m.put("remedy", a.remedy);
        m.put("decidedOn", a.decidedOn == null ? null : a.decidedOn.toString());
        return m;
    }
}
