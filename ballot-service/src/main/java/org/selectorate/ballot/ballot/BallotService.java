package org.selectorate.ballot.ballot;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.selectorate.ballot.committee.NoticeGate;
import org.selectorate.ballot.cosign.CosignRequired;
import org.selectorate.ballot.cosign.Proposals;
import org.selectorate.ballot.electorate.ElectorateService;
import org.selectorate.ballot.issuance.IssuanceHours;
import org.selectorate.ballot.issuance.IssuanceLock;
import org.selectorate.ballot.paper.PaperAccount;
import org.selectorate.ballot.selection.Candidate;
import org.selectorate.ballot.selection.Rulebook;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.ballot.selection.SelectionAccess;
import org.selectorate.ballot.step.StepService;
import org.selectorate.ballot.turnout.MarkedRegister;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.BallotClosed;
import org.selectorate.contracts.ballot.BallotOpened;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.integrity.blind.BlindSigningKey;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.support.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A selection's final ballot: scheduled, opened (key pair, access codes), closed. An admin's schedule, open and close
 * are on the audit log (the timetable's own close is no person's action: {@code closedBy} says it).
 */
@ApplicationScoped
public class BallotService {
    private final Outbox outbox;
    private final ElectorateService electorate;
    private final MarkedRegister markedRegister;
    private final BallotKeys keys;
    private final AccessCodeIssuer accessCodes;
    private final NoticeGate noticeGate;
    private final Clock clock;
    private final AuditTrail audit;

    public BallotService(Outbox outbox, ElectorateService electorate, MarkedRegister markedRegister,
                         BallotKeys keys, AccessCodeIssuer accessCodes, NoticeGate noticeGate, Clock clock,
                         AuditTrail audit) {
        this.outbox = outbox;
        this.electorate = electorate;
        this.markedRegister = markedRegister;
        this.keys = keys;
        this.accessCodes = accessCodes;
        this.noticeGate = noticeGate;
        this.clock = clock;
        this.audit = audit;
    }

    /** One final ballot per selection; its paper is fixed only when it opens. */
    @WithTransaction
    public Uni<BallotViews.BallotView> create(UUID selectionId, BallotViews.NewBallot request, Caller caller) {
        Instant now = Instant.now();
        if (!request.closesAt().isAfter(now)) {
            return Uni.createFrom().failure(ProblemException.badRequest("the ballot must close in the future",
                    List.of("closesAt: must be after now")));
        }
        return Selection.<Selection>findById(selectionId)
                .map(s -> SelectionAccess.requireAdmin(s, caller, "selection " + selectionId))
                .call(s -> Ballot.finalOf(s.id).invoke(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("ballot-exists", "this selection already has its final ballot");
                    }
                }))
                .call(s -> Rulebook.current(s).chain(r -> StepService.requireContest(s, r, "final ballot")))
                .chain(s -> {
                    Ballot ballot = new Ballot();
                    ballot.id = UUID.randomUUID();
                    ballot.selectionId = s.id;
                    ballot.title = s.title;
                    ballot.status = Ballot.Status.DRAFT;
                    ballot.closesAt = request.closesAt();
                    ballot.createdBy = caller.name();
                    ballot.createdAt = now;
                    return ballot.<Ballot>persist().call(b -> timetable(b, TimetableEvent.BALLOT_SCHEDULED, b.closesAt,
                                    "Ballot scheduled: " + b.title + ", closing " + b.closesAt))
                            .call(b -> record(s, "ballot.schedule", b, null, drafted(b), null));
                })
                .chain(this::view);
    }

    @WithSession
    public Uni<BallotViews.BallotView> get(UUID id, Caller caller) {
        return Ballot.<Ballot>findById(id)
                .call(b -> inArea(b, caller, id))
                .chain(this::view);
    }

    @WithSession
    public Uni<BallotViews.PublicBallot> publicBallot(UUID id) {
        return Ballot.<Ballot>findById(id)
                .map(b -> {
                    if (b == null || b.status == Ballot.Status.DRAFT) {
                        throw ProblemException.notFound("ballot " + id);
                    }
                    return b;
                })
                .chain(b -> withdrawnFromPaper(b).chain(withdrawn -> Selection.<Selection>findById(b.selectionId)
                        .chain(Rulebook::current)
                        .map(rulebook -> BallotViews.publicView(b, withdrawn, rulebook))));
    }

    /** The selection's ballots (a selection has at most one final ballot), for anyone who may see the selection. */
    @WithSession
    public Uni<List<BallotViews.BallotView>> ofSelection(UUID selectionId, Caller caller) {
        return Selection.<Selection>findById(selectionId)
                .map(s -> SelectionAccess.requireInArea(s, caller, "selection " + selectionId))
                .chain(s -> Ballot.finalOf(s.id))
                .chain(b -> b == null ? Uni.createFrom().item(List.<BallotViews.BallotView>of())
                        : view(b).map(List::of));
    }

    /**
     * The checks of {@link #open}, without its lock or key: an opening refused (the committee not yet told, the roll
     * still arriving) then costs a read, not the RSA key pair the caller would generate first and throw away.
     */
    @WithSession
    public Uni<Void> requireOpenable(UUID id, Caller caller) {
        return Ballot.<Ballot>findById(id).chain(b -> openable(b, id, caller, clock.instant())).replaceWithVoid();
    }

    private record Opening(Selection selection, ElectorateService.Status roll, List<Candidate> candidates) {
    }

    private Uni<Opening> openable(Ballot b, UUID id, Caller caller, Instant now) {
        return adminSelection(b, caller, id).chain(selection -> {
            if (b.status != Ballot.Status.DRAFT) {
                throw ProblemException.conflict("ballot-not-draft", "the ballot is already " + BallotViews.status(b));
            }
            if (!b.closesAt.isAfter(now)) {
                throw ProblemException.conflict("ballot-past-closing", "the ballot's closing time has passed");
            }
            return noticeGate.check(selection, b.id, now)
                    .chain(() -> electorate.status(selection.id)).chain(roll -> {
                        if (!roll.complete()) {
                            throw ProblemException.conflict("electorate-incomplete", roll.version() == null
                                    ? "the roll has not been frozen yet"
                                    : "the electorate of roll version " + roll.version() + " is incomplete: "
                                    + roll.chunksReceived() + " of " + roll.chunks() + " chunks, " + roll.electors()
                                    + " of " + roll.expected() + " electors");
                        }
                        return Candidate.<Candidate>list("selectionId = ?1 and withdrawnAt is null order by addedAt, name",
                                selection.id).map(candidates -> {
                            if (candidates.size() < 2) {
                                throw ProblemException.conflict("too-few-candidates",
                                        "a ballot needs at least 2 candidates; it has " + candidates.size());
                            }
                            return new Opening(selection, roll, candidates);
                        });
                    });
        });
    }

    /**
     * Opens the ballot with a key pair generated by the caller (off the event loop), the checks of
     * {@link #requireOpenable} made again under the ballot's lock. In one transaction: the private key is stored
     * sealed, {@link BallotOpened} is emitted and every elector of the latest complete roll version gets a fresh
     * access code ({@code AccessCodeIssued}, sealed to the mail sender), of which only the hash is kept.
     */
    @WithTransaction
    public Uni<BallotViews.BallotView> open(UUID id, BlindSigningKey key, Caller caller) {
        Instant now = clock.instant();
        return Ballot.<Ballot>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .chain(b -> openable(b, id, caller, now).chain(opening -> {
                    Selection selection = opening.selection();
                    b.status = Ballot.Status.OPEN;
                    b.opensAt = now;
                    b.setCandidates(opening.candidates().stream().map(c -> c.name).toList());
                    b.rollVersion = opening.roll().version();
                    b.electorate = opening.roll().expected();
                    b.credentialKey = key.publicKey().encoded();
                    b.variant = key.publicKey().variant().id();
                    return keys.seal(b.id, key).persist()
                            .chain(() -> Rulebook.current(selection))
                            .call(rulebook -> outbox.record(Topics.BALLOTS, b.id.toString(), BallotOpened.TYPE,
                                    new BallotOpened(b.id.toString(), selection.id.toString(),
                                            selection.constituency, b.title, b.candidates(), List.of(),
                                            rulebook.ballotRules().method(), rulebook.tieBreak, rulebook.seed,
                                            b.opensAt, b.closesAt, b.credentialKey, b.variant,
                                            rulebook.toJson(), b.electorate, BallotOpened.FINAL, null,
                                            rulebook.ballotRules().seats())))
                            .call(() -> timetable(b, TimetableEvent.BALLOT_OPENED, b.opensAt,
                                    "Ballot opened: " + b.title + ", closing " + b.closesAt))
                            .chain(() -> accessCodes.issueToRoll(b))
                            .call(() -> record(selection, "ballot.open", b, drafted(b), opened(b), null))
                            .invoke(() -> keys.remember(b.id, key))
                            .replaceWith(b);
                }))
                .chain(this::view);
    }

    /**
     * An admin closes the ballot; a ballot that is not open (the timetable may have closed it) is a 409. Before its
     * closing time (by the timetable clock) a close needs a scrutineer's co-signature: the attempt becomes a proposal
     * of kind {@link EarlyClose#KIND}. From {@code closesAt} on it is the timetable's own close, which needs nobody.
     */
    @WithTransaction
    public Uni<BallotViews.BallotView> close(UUID id, String reason, Instant at, Caller caller) {
        return lockForClose(id)
                .call(b -> adminSelection(b, caller, id).chain(s -> {
                    requireOpen(b);
                    if (at != null) {
                        requireEarlierClose(b, at, clock.instant());
                        throw CosignRequired.of(new Proposals.Request(EarlyClose.KIND, b.selectionId, b.id,
                                Map.of(EarlyClose.AT, at.toString()), reason, "the ballot closes at " + b.closesAt
                                + ": bringing its close forward to " + at + " needs a scrutineer's co-signature"), caller);
                    }
                    if (b.closesAt.isAfter(clock.instant())) {
                        throw CosignRequired.of(new Proposals.Request(EarlyClose.KIND, b.selectionId, b.id, Map.of(),
                                reason, "the ballot closes at " + b.closesAt
                                + ": closing it before then needs a scrutineer's co-signature"), caller);
                    }
                    Map<String, Object> before = Map.of("status", "open", "closesAt", b.closesAt.toString());
                    return closeLocked(b, caller.name()).call(() -> record(s, "ballot.close", b, before, closed(b),
                            reason == null || reason.isBlank() ? null : reason.strip()));
                }))
                .chain(this::view);
    }

    /** A close brought forward must still be ahead (so voters can be told) and earlier than the one it replaces. */
    static void requireEarlierClose(Ballot b, Instant at, Instant now) {
        if (!at.isAfter(now) || !at.isBefore(b.closesAt)) {
            throw ProblemException.badRequest("a close brought forward must be after now and before " + b.closesAt,
                    List.of("at: must be after now and before the ballot's closesAt"));
        }
    }

    /**
     * Co-signed: the ballot now closes at {@code at}, by the timetable ({@link BallotCloser}), as at any closing
     * time; every committee member is told of the new time, as of the first.
     */
    Uni<Map<String, Object>> bringCloseForward(Ballot b, Instant at) {
        b.closesAt = at;
        return timetable(b, TimetableEvent.BALLOT_SCHEDULED, at, "Ballot close brought forward: " + b.title
                + ", closing " + at).replaceWith(() -> Map.of("status", "open", "closesAt", at.toString()));
    }

    static void requireOpen(Ballot b) {
        if (b.status != Ballot.Status.OPEN) {
            throw ProblemException.conflict("ballot-not-open", "the ballot is " + BallotViews.status(b));
        }
    }

    /**
     * The timetable closes the ballot if it is still open and its {@code closesAt} has passed; false if there was
     * nothing to do (another replica's job or an admin closed it first).
     */
    @WithTransaction
    Uni<Boolean> closeAtClosingTime(UUID id) {
        return lockForClose(id).chain(b -> b == null || b.status != Ballot.Status.OPEN
                || b.closesAt.isAfter(clock.instant())
                ? Uni.createFrom().item(false)
                : closeLeavingSweep(b, Ballot.CLOSED_BY_TIMETABLE).replaceWith(true));
    }

    /**
     * Waits for every issuance in flight, then reads the row by a later statement than the lock's, so a close that
     * committed meanwhile is seen and no ballot is closed twice, whoever races whom.
     */
    static Uni<Ballot> lockForClose(UUID id) {
        return IssuanceLock.exclusive(id).chain(() -> Ballot.<Ballot>findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * Under {@link #lockForClose}: no more issuance, and {@link BallotClosed} carries the marked register's counts.
     * What only an open ballot needs goes in the same transaction: its signing key, and in the {@link #sweep} its
     * access codes' hashes. The marked register is written anew in membership-number order, so the table keeps no
     * trace of the order in which members were issued a ballot (rows stand in the order they were inserted).
     */
    Uni<Void> closeLocked(Ballot b, String closedBy) {
        return closeWithoutSweep(b, closedBy).call(() -> sweep(b.id));
    }

    /**
     * The close with its sweep left for {@link #sweepIfDue} in a later transaction: a round's ballots all close at
     * once, and the sweep (for a national ballot, 800,000 codes deleted and the register rewritten) would hold every
     * close's event back from tally-service. Until the sweep, the ballot stands as it did while open: the codes open
     * nothing (issuance needs an open ballot), and the register's row order is what it was during the poll.
     */
    Uni<Void> closeLeavingSweep(Ballot b, String closedBy) {
        b.sweepDue = true;
        return closeWithoutSweep(b, closedBy);
    }

    private Uni<Void> closeWithoutSweep(Ballot b, String closedBy) {
        b.status = Ballot.Status.CLOSED;
        // at the database's precision, so the row and the event carry the same time
        b.closedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        b.closedBy = closedBy;
        return markedRegister.counts(b.id).chain(counts -> closedEvent(b, counts))
                .chain(closed -> outbox.record(Topics.BALLOTS, b.id.toString(), BallotClosed.TYPE, closed))
                .call(() -> timetable(b, TimetableEvent.BALLOT_CLOSED, b.closedAt, "Ballot closed: " + b.title))
                // A bulk delete, not deleteById: Hibernate Reactive's delete coordinator is shared per entity type,
                // and several closes at once (a meeting's branches) then cross threads (HR000069, quarkus#41945).
                .call(() -> BallotKey.delete("ballotId", b.id))
                .invoke(() -> keys.forget(b.id));
    }

    /**
     * Sweeps a closed ballot if its sweep is due and no other transaction holds it (another replica's closer, or a
     * close by a person still committing), in its own transaction.
     */
    @WithTransaction
    Uni<Void> sweepIfDue(UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select cast(id as text) from ballot where id = ?1 and sweep_due for update skip locked",
                        String.class).setParameter(1, id).getResultList())
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().voidItem() : sweep(id)
                        .call(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                                "update ballot set sweep_due = false where id = ?1").setParameter(1, id)
                                .executeUpdate())));
    }

    /** Deletes the closed ballot's access codes' hashes and rewrites its issuance tables in membership-number order. */
    private Uni<Void> sweep(UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "delete from access_code where ballot_id = ?1").setParameter(1, id).executeUpdate())
                .call(() -> markedRegister.rewriteInOrder(id))
                .call(() -> PaperAccount.rewriteInOrder(id))
                .replaceWithVoid();
    }

    /**
     * The close's figures: the marked register per channel; for a final ballot, its paper channels' issues, turnout
     * per branch and issuances per hour (counts, never who), for the tellers' account and the anomaly flags.
     */
    private Uni<BallotClosed> closedEvent(Ballot b, Map<String, Long> counts) {
        if (!BallotOpened.FINAL.equals(b.kind)) {
            return Uni.createFrom().item(new BallotClosed(b.id.toString(), b.closedAt, counts));
        }
        return PaperAccount.account(b, counts)
                .chain(papers -> markedRegister.turnoutByBranch(b.id, b.selectionId, b.rollVersion)
                        .chain(turnout -> IssuanceHours.counts(b.id).map(hours -> new BallotClosed(b.id.toString(),
                                b.closedAt, counts, papers, turnout, hours))));
    }

    /** How the audit log names a ballot, below its selection. */
    static String target(UUID ballotId) {
        return "ballot/" + ballotId;
    }

    /** A closed ballot as the audit log keeps it. */
    static Map<String, Object> closed(Ballot b) {
        return Map.of("status", "closed", "closedAt", b.closedAt.toString(), "closedBy", b.closedBy);
    }

    private static Map<String, Object> drafted(Ballot b) {
        return Map.of("status", "draft", "title", b.title, "closesAt", b.closesAt.toString());
    }

    /** What opening fixed; the public key by its SHA-256 (it is published whole), nothing of any elector. */
    private static Map<String, Object> opened(Ballot b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "open");
        m.put("opensAt", b.opensAt.toString());
        m.put("closesAt", b.closesAt.toString());
        m.put("candidates", b.candidates());
        m.put("rollVersion", b.rollVersion);
        m.put("electorate", b.electorate);
        m.put("credentialKey", Digest.sha256(b.credentialKey.getBytes(StandardCharsets.US_ASCII)).hex());
        m.put("variant", b.variant);
        return m;
    }

    /** An admin's step on the ballot, on the audit log in the step's transaction. */
    private Uni<Void> record(Selection s, String name, Ballot b, Map<String, Object> before,
                             Map<String, Object> after, String reason) {
        return audit.record(AuditAction.named(name).in(s.auditScope()).on(s.auditTarget() + "/" + target(b.id))
                .before(before == null ? null : AuditState.of(before)).after(AuditState.of(after)).reason(reason)
                .build());
    }

    /** Keyed by selection, so it follows the committee's events and every current member is told. */
    private Uni<Void> timetable(Ballot b, String kind, Instant at, String summary) {
        return outbox.record(Topics.BALLOTS, b.selectionId.toString(), TimetableEvent.TYPE,
                new TimetableEvent(b.selectionId.toString(), b.id.toString(), kind, at, summary, null)).replaceWithVoid();
    }

    private Uni<Selection> adminSelection(Ballot b, Caller caller, UUID id) {
        if (b == null) {
            return Uni.createFrom().failure(ProblemException.notFound("ballot " + id));
        }
        return Selection.<Selection>findById(b.selectionId)
                .map(s -> SelectionAccess.requireAdmin(s, caller, "ballot " + id));
    }

    private Uni<Selection> inArea(Ballot b, Caller caller, UUID id) {
        if (b == null) {
            return Uni.createFrom().failure(ProblemException.notFound("ballot " + id));
        }
        return Selection.<Selection>findById(b.selectionId)
                .map(s -> SelectionAccess.requireInArea(s, caller, "ballot " + id));
    }

    /** Before opening, the prospective paper (candidates not withdrawn); after, the paper as issued. */
    private Uni<BallotViews.BallotView> view(Ballot b) {
        if (b.status == Ballot.Status.DRAFT) {
            return Candidate.<Candidate>list("selectionId = ?1 and withdrawnAt is null order by addedAt, name",
                            b.selectionId)
                    .map(cs -> BallotViews.view(b, cs.stream().map(c -> c.name).toList(), List.of()));
        }
        return withdrawnFromPaper(b).map(withdrawn -> BallotViews.view(b, b.candidates(), withdrawn));
    }

    /** Candidates on the issued paper who withdrew after it was issued. */
    private Uni<List<String>> withdrawnFromPaper(Ballot b) {
        return Candidate.<Candidate>list("selectionId = ?1 and withdrawnAt is not null", b.selectionId)
                .map(cs -> cs.stream().map(c -> c.name).filter(b.candidates()::contains).toList());
    }
}
