package org.selectorate.ballot.paper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.ballot.attendance.Attendance;
import org.selectorate.ballot.ballot.Ballot;
import org.selectorate.ballot.electorate.Elector;
import org.selectorate.ballot.issuance.IssuanceHours;
import org.selectorate.ballot.issuance.IssuanceLock;
import org.selectorate.ballot.selection.BallotRules;
import org.selectorate.ballot.selection.Rulebook;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.ballot.timetable.Meeting;
import org.selectorate.ballot.timetable.TimetableAccess;
import org.selectorate.ballot.turnout.MarkedRegister;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.BallotOpened;
import org.selectorate.contracts.ballot.PapersCancelled;
import org.selectorate.contracts.ballot.PapersIssued;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.integrity.encoding.Crockford;
import org.selectorate.integrity.paper.PaperNumber;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.support.problem.ProblemException;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The final ballot's paper channels: postal packs (issue, cancel, return) and papers at a meeting (printed in bulk,
 * handed to attending members). The marked register is the arbiter of one vote per member across channels: every
 * issuance that marks it goes through {@link MarkedRegister#mark}, under the ballot's shared issuance lock so that a
 * close waits for it and counts it. Papers are known here only by their digests, in sets that keep no order
 * ({@link PaperSets}); a paper's number meets a member's name only on the printed page.
 */
@ApplicationScoped
public class PaperService {
    static final String ACCEPTED = "accepted";
    static final String REJECTED = "rejected";
    static final String LATE = "late";
    static final String UNSIGNED = "declaration-unsigned";
    static final String REPLACED = "replaced";
    static final String LOST = "lost";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MarkedRegister register;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    public PaperService(MarkedRegister register, Outbox outbox, AuditTrail audit, Clock clock) {
        this.register = register;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** A ballot with its selection and rules, the caller checked as one of its organisers. */
    private record Context(Ballot ballot, Selection selection, BallotRules rules) {
        PaperPdf.Ballot paper() {
            return new PaperPdf.Ballot(ballot.title, ballot.candidates(), rules, ballot.closesAt);
        }

        String target() {
            return selection.auditTarget() + "/ballot/" + ballot.id;
        }
    }

    private record IssuedPacks(PaperPdf.Ballot ballot, List<PaperPdf.Pack> packs) {
    }

    /**
     * Issues a postal pack to each member, in one transaction (one refusal refuses them all, and nothing changes):
     * on the ballot's roll with a postal address, without a live pack, and not marked by any channel (a member marked
     * postal whose pack was cancelled gets its replacement). With {@code postalMarks: on-issue} each is marked postal.
     * The papers' digests go in the issued set and out in one {@link PapersIssued}, shuffled; the PDF is made after
     * the commit, off the event loop.
     */
    public Uni<byte[]> issuePostal(UUID ballotId, PaperViews.PostalIssue request, Caller caller) {
        List<String> members = request.membershipNumbers().stream().map(String::strip).toList();
        if (new HashSet<>(members).size() != members.size()) {
            return Uni.createFrom().failure(ProblemException.badRequest("a member is named twice",
                    List.of("membershipNumbers: each member once")));
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return Panache.withTransaction(() -> IssuanceLock.shared(ballotId)
                        .chain(() -> context(ballotId, caller))
                        .invoke(c -> {
                            requireChannel(c.rules().postal(), "postal");
                            requireOpen(c.ballot(), now);
                        })
                        .chain(c -> Multi.createFrom().iterable(members)
                                .onItem().transformToUniAndConcatenate(number -> issuePack(c, number, today))
                                .collect().asList()
                                .call(packs -> issued(c, MarkedRegister.POSTAL,
                                        packs.stream().map(p -> p.paper().digest()).toList(), now))
                                .call(packs -> audit.record(AuditAction.named("paper.postal.issue")
                                        .in(c.selection().auditScope()).on(c.target())
                                        // How many, never whom: with its time, an entry naming members would sit
                                        // beside PapersIssued's time.
                                        .after(AuditState.of(Map.of("packs", packs.size()))).build()))
                                .map(packs -> new IssuedPacks(c.paper(), packs))))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(issued -> PaperPdf.postalPacks(issued.ballot(), issued.packs()));
    }

    private Uni<PaperPdf.Pack> issuePack(Context c, String number, LocalDate today) {
        return elector(c, number).chain(e -> {
            if (e.address == null || e.address.isBlank()) {
                throw ProblemException.conflict("no-postal-address", "member " + number
                        + " had no postal address on the roll at the freeze");
            }
            return PostalPack.count("ballotId = ?1 and membershipNumber = ?2 and status <> ?3", c.ballot().id, number,
                    PostalPack.CANCELLED).chain(live -> {
                if (live > 0) {
                    throw ProblemException.conflict("postal-pack-issued", "member " + number
                            + " already has a postal pack for this ballot; cancel it to issue a replacement");
                }
                return register.channelOf(c.ballot().id, number);
            }).chain(marked -> {
                if (marked != null && !MarkedRegister.POSTAL.equals(marked)) {
                    throw MarkedRegister.alreadyVoted(marked);
                }
                // Marked postal with no live pack: their pack was cancelled, and this is its replacement.
                return marked == null && c.rules().marksOnIssue()
                        ? register.mark(c.ballot().id, number, MarkedRegister.POSTAL, today)
                        : Uni.createFrom().voidItem();
            }).chain(() -> {
                PostalPack pack = new PostalPack();
                pack.id = UUID.randomUUID();
                pack.ballotId = c.ballot().id;
                pack.membershipNumber = number;
                pack.declarationNumber = declarationNumber();
                pack.issuedOn = today;
                pack.status = PostalPack.ISSUED;
                PaperPdf.Pack printed = new PaperPdf.Pack(PaperNumber.random(RANDOM), pack.declarationNumber, e.name,
                        e.address);
                return pack.persist().replaceWith(printed);
            });
        });
    }

    /**
     * Cancels a pack reported lost or spoilt, by its declaration number, so its return is never accepted and the
     * member may be issued a replacement. With the paper's number (the spoilt pack at hand), the paper is cancelled
     * too ({@link PapersCancelled}, {@code replaced}); without it the paper stays keyable, but only a return with an
     * accepted declaration reaches the tellers, and this declaration can no longer be accepted.
     */
    public Uni<PaperViews.PackView> cancelPostal(UUID ballotId, String declaration, PaperViews.Cancellation request,
                                                 Caller caller) {
        PaperNumber paper = request == null || request.paperNumber() == null || request.paperNumber().isBlank()
                ? null : paperNumber(request.paperNumber());
        Instant now = clock.instant();
        return Panache.withTransaction(() -> IssuanceLock.shared(ballotId)
                .chain(() -> context(ballotId, caller))
                .invoke(c -> requireOpen(c.ballot(), now))
                .chain(c -> pack(c, declaration).chain(pack -> {
                    if (!PostalPack.ISSUED.equals(pack.status)) {
                        throw ProblemException.conflict("pack-not-issued", "this pack is " + pack.status
                                + "; only an issued pack, not yet returned, can be cancelled");
                    }
                    pack.status = PostalPack.CANCELLED;
                    pack.reason = paper == null ? LOST : REPLACED;
                    return (paper == null ? Uni.createFrom().voidItem() : cancelPaper(c, paper, REPLACED))
                            .call(() -> audit.record(AuditAction.named("paper.postal.cancel")
                                    .in(c.selection().auditScope()).on(c.target())
                                    .after(AuditState.of(Map.of("membershipNumber", pack.membershipNumber,
                                            "declarationNumber", pack.declarationNumber, "reason", pack.reason)))
                                    .build()))
                            .replaceWith(() -> PaperViews.PackView.of(pack));
                })));
    }

    /**
     * Records a postal return. Accepted: the declaration is signed, the ballot still open and the member marked by
     * no other channel (with {@code on-return}, marked postal now). Otherwise rejected with the reason ({@code late},
     * {@code declaration-unsigned}, {@code voted-online}, {@code voted-in-person}), recorded on the pack, and the
     * paper cancelled ({@link PapersCancelled}) so tellers can never key it. The paper's number is used for that
     * only: it is kept nowhere beside the declaration. A rejection because another channel marked the member first
     * is a 409 naming it, after the rejection has been recorded.
     */
    public Uni<PaperViews.ReturnOutcome> recordReturn(UUID ballotId, PaperViews.PostalReturn request, Caller caller) {
        PaperNumber paper = paperNumber(request.paperNumber());
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return Panache.withTransaction(() -> IssuanceLock.shared(ballotId)
                        .chain(() -> context(ballotId, caller))
                        .invoke(c -> requireChannel(c.rules().postal(), "postal"))
                        .chain(c -> pack(c, request.declarationNumber()).chain(pack -> {
                            if (PostalPack.CANCELLED.equals(pack.status)) {
                                throw ProblemException.conflict("pack-cancelled", "this pack was cancelled ("
                                        + pack.reason + "); its return cannot count");
                            }
                            if (pack.returnedOn != null) {
                                throw ProblemException.conflict("return-recorded",
                                        "this pack's return was already recorded: " + pack.status);
                            }
                            return keyable(c, paper).chain(() -> verdict(c, pack, request.declarationSigned(), now))
                                    .chain(reason -> {
                                        pack.returnedOn = today;
                                        pack.status = reason == null ? PostalPack.ACCEPTED : PostalPack.REJECTED;
                                        pack.reason = reason;
                                        return (reason == null
                                                ? accept(c, pack, today)
                                                : cancelPaper(c, paper, reason))
                                                .call(() -> audit.record(AuditAction.named("paper.postal.return")
                                                        .in(c.selection().auditScope()).on(c.target())
                                                        .after(AuditState.of(outcome(pack))).build()))
                                                .replaceWith(() -> new PaperViews.ReturnOutcome(
                                                        pack.declarationNumber, reason == null ? ACCEPTED : REJECTED,
                                                        reason));
                                    });
                        })))
                .invoke(outcome -> {
                    if (outcome.reason() != null && outcome.reason().startsWith("voted-")) {
                        throw ProblemException.conflict(outcome.reason(), "the member was issued a ballot by "
                                + outcome.reason().substring("voted-".length()) + " before this return: it is "
                                + "recorded as rejected (" + outcome.reason() + ") and its paper cancelled");
                    }
                });
    }

    /** Why the return is rejected, or null if it is accepted. */
    private Uni<String> verdict(Context c, PostalPack pack, boolean signed, Instant now) {
        if (c.ballot().status != Ballot.Status.OPEN || !c.ballot().closesAt.isAfter(now)) {
            return Uni.createFrom().item(LATE);
        }
        if (!signed) {
            return Uni.createFrom().item(UNSIGNED);
        }
        return register.channelOf(c.ballot().id, pack.membershipNumber)
                .map(marked -> marked == null || MarkedRegister.POSTAL.equals(marked) ? null : "voted-" + marked);
    }

    private Uni<Void> accept(Context c, PostalPack pack, LocalDate today) {
        return c.rules().marksOnIssue() ? Uni.createFrom().voidItem()
                : register.mark(c.ballot().id, pack.membershipNumber, MarkedRegister.POSTAL, today);
    }

    /** What the audit log keeps of a return: the outcome; not the member, whose return time it would be. */
    private static Map<String, Object> outcome(PostalPack pack) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", pack.status);
        m.put("reason", pack.reason);
        return m;
    }

    /**
     * Prints {@code count} numbered papers for a meeting: issued to nobody yet, their digests in the in-person set and
     * in {@link PapersIssued}; one PDF, a paper a page.
     */
    public Uni<byte[]> printMeetingPapers(UUID ballotId, PaperViews.MeetingPapers request, Caller caller) {
        Instant now = clock.instant();
        List<PaperNumber> papers = new ArrayList<>(request.count());
        for (int i = 0; i < request.count(); i++) {
            papers.add(PaperNumber.random(RANDOM));
        }
        return Panache.withTransaction(() -> context(ballotId, caller)
                        .invoke(c -> {
                            requireChannel(c.rules().inPerson(), "in-person");
                            requireOpen(c.ballot(), now);
                        })
                        .call(c -> issued(c, MarkedRegister.IN_PERSON,
                                papers.stream().map(PaperNumber::digest).toList(), null))
                        .call(c -> audit.record(AuditAction.named("paper.in-person.print")
                                .in(c.selection().auditScope()).on(c.target())
                                .after(AuditState.of(Map.of("papers", papers.size()))).build())))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(c -> PaperPdf.meetingPapers(c.paper(), papers));
    }

    /**
     * Hands a paper to a member attending a started meeting of the selection: they are marked {@code in-person}
     * (409 naming the channel if already marked) and take any paper from the pile, so no paper is recorded against
     * them. Not on the audit log: the marked register is the record, by day, and an entry would add the time.
     */
    public Uni<PaperViews.Mark> issueInPerson(UUID ballotId, PaperViews.InPersonIssue request, Caller caller) {
        String number = request.membershipNumber().strip();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return Panache.withTransaction(() -> IssuanceLock.shared(ballotId)
                .chain(() -> context(ballotId, caller))
                .invoke(c -> {
                    requireChannel(c.rules().inPerson(), "in-person");
                    requireOpen(c.ballot(), now);
                })
                .call(c -> Meeting.of(c.selection().id, request.meetingId(), false).invoke(m -> {
                    if (!Meeting.STARTED.equals(m.status)) {
                        throw ProblemException.conflict("meeting-not-started",
                                "papers are handed out at a started meeting; it is " + m.status);
                    }
                }))
                .call(c -> Attendance.count("meetingId = ?1 and membershipNumber = ?2", request.meetingId(), number)
                        .invoke(n -> {
                            if (n == 0) {
                                throw ProblemException.conflict("not-attending", "member " + number
                                        + " is not registered as attending this meeting");
                            }
                        }))
                .call(c -> elector(c, number))
                .call(c -> register.mark(c.ballot().id, number, MarkedRegister.IN_PERSON, today))
                .call(c -> IssuanceHours.add(c.ballot().id, now, 1))
                .map(c -> new PaperViews.Mark(number, MarkedRegister.IN_PERSON, today)));
    }

    /** The ballot's postal packs, for its organisers: who, which declaration, what became of it. */
    @WithSession
    public Uni<List<PaperViews.PackView>> packs(UUID ballotId, Caller caller) {
        return context(ballotId, caller).chain(c -> PostalPack.<PostalPack>list(
                        "ballotId = ?1 order by membershipNumber, issuedOn", c.ballot().id))
                .map(all -> all.stream().map(PaperViews.PackView::of).toList());
    }

    /** Papers issued by a channel: into its set, out in one shuffled {@link PapersIssued}, counted in the hour's. */
    private Uni<Void> issued(Context c, String channel, List<String> digests, Instant countedAt) {
        List<String> shuffled = new ArrayList<>(digests);
        Collections.shuffle(shuffled, RANDOM);
        String ballot = c.ballot().id.toString();
        return PaperSets.add(c.ballot().id, channel, PaperSets.ISSUED, digests)
                .call(() -> outbox.record(Topics.BALLOTS, ballot, PapersIssued.TYPE,
                        new PapersIssued(ballot, channel, shuffled)))
                .call(() -> countedAt == null ? Uni.createFrom().voidItem()
                        : IssuanceHours.add(c.ballot().id, countedAt, digests.size()));
    }

    /** A postal paper never to be keyed: into the replaced or rejected set, out in {@link PapersCancelled}. */
    private Uni<Void> cancelPaper(Context c, PaperNumber paper, String reason) {
        String ballot = c.ballot().id.toString();
        return keyable(c, paper)
                .call(() -> PaperSets.add(c.ballot().id, MarkedRegister.POSTAL,
                        REPLACED.equals(reason) ? PaperSets.REPLACED : PaperSets.REJECTED, List.of(paper.digest())))
                .call(() -> outbox.record(Topics.BALLOTS, ballot, PapersCancelled.TYPE,
                        new PapersCancelled(ballot, MarkedRegister.POSTAL, List.of(paper.digest()), reason)))
                .replaceWithVoid();
    }

    /** A postal paper of this ballot not cancelled already; 400 otherwise (nothing changes). */
    private static Uni<Void> keyable(Context c, PaperNumber paper) {
        String digest = paper.digest();
        return PaperSets.contains(c.ballot().id, MarkedRegister.POSTAL, PaperSets.ISSUED, digest)
                .chain(issued -> PaperSets.contains(c.ballot().id, MarkedRegister.POSTAL, PaperSets.REPLACED, digest)
                        .chain(replaced -> PaperSets.contains(c.ballot().id, MarkedRegister.POSTAL,
                                PaperSets.REJECTED, digest).invoke(rejected -> {
                            if (!issued || replaced || rejected) {
                                throw ProblemException.badRequest("unknown paper number", List.of("paperNumber: "
                                        + (issued ? "this paper is already cancelled" : "not a postal paper of this "
                                        + "ballot")));
                            }
                        })))
                .replaceWithVoid();
    }

    private static PaperNumber paperNumber(String typed) {
        try {
            return PaperNumber.read(typed);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("that is not a paper number", List.of("paperNumber: " + e.getMessage()));
        }
    }

    private static Uni<PostalPack> pack(Context c, String typed) {
        String number = Crockford.readTyped(typed, PaperNumber.SYMBOLS);
        if (number == null) {
            return Uni.createFrom().failure(ProblemException.notFound("declaration " + typed.strip()));
        }
        return PostalPack.<PostalPack>find("ballotId = ?1 and declarationNumber = ?2", c.ballot().id, grouped(number))
                .firstResult().onItem().ifNull().failWith(() -> ProblemException.notFound("declaration "
                        + grouped(number)));
    }

    private static Uni<Elector> elector(Context c, String number) {
        return Elector.<Elector>find("selectionId = ?1 and version = ?2 and membershipNumber = ?3", c.selection().id,
                c.ballot().rollVersion, number).<Elector>firstResult().map(e -> {
                    if (e == null) {
                        throw ProblemException.conflict("not-on-roll", "member " + number
                                + " is not on this ballot's roll");
                    }
                    return e;
                });
    }

    /** 404 for a ballot that is not a final ballot the caller's area covers; 403 unless an organiser. */
    private static Uni<Context> context(UUID ballotId, Caller caller) {
        return Ballot.<Ballot>findById(ballotId).chain(b -> {
            if (b == null || !BallotOpened.FINAL.equals(b.kind)) {
                throw ProblemException.notFound("ballot " + ballotId);
            }
            return Selection.<Selection>findById(b.selectionId)
                    .map(s -> TimetableAccess.requireOrganiser(s, caller, "ballot " + ballotId))
                    .chain(s -> Rulebook.current(s).map(r -> new Context(b, s, r.ballotRules())));
        });
    }

    private static void requireChannel(boolean allowed, String channel) {
        if (!allowed) {
            throw ProblemException.conflict("channel-not-in-rulebook",
                    "the rulebook does not provide for " + channel + " voting in this ballot");
        }
    }

    private static void requireOpen(Ballot b, Instant now) {
        if (b.status != Ballot.Status.OPEN) {
            throw ProblemException.conflict("ballot-not-open", "papers are issued while the ballot is open; it is "
                    + b.status.name().toLowerCase());
        }
        if (!b.closesAt.isAfter(now)) {
            throw ProblemException.conflict("ballot-closed", "the ballot is closed");
        }
    }

    /** 80 random bits as 16 Crockford symbols in four groups, as a paper number (and as unguessable). */
    private static String declarationNumber() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return grouped(Crockford.encode(bytes, PaperNumber.SYMBOLS));
    }

    private static String grouped(String s) {
        return s.substring(0, 4) + "-" + s.substring(4, 8) + "-" + s.substring(8, 12) + "-" + s.substring(12);
    }
}
