package org.selectorate.ballot.ballot;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.ballot.attendance.AttendanceService;
import org.selectorate.ballot.attendance.AttendanceViews;
import org.selectorate.ballot.selection.Candidate;
import org.selectorate.ballot.selection.Rulebook;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.ballot.selection.SelectionAccess;
import org.selectorate.ballot.timetable.Meeting;
import org.selectorate.ballot.timetable.TimetableAccess;
import org.selectorate.ballot.turnout.MarkedRegisterEntry;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.BallotOpened;
import org.selectorate.contracts.ballot.BallotReleased;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.integrity.blind.BlindSigningKey;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.support.problem.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Votes at a meeting: each a ballot of the final ballot's kind (blind-signed credentials, anonymous casts, its own
 * record), opened only once the meeting is quorate, with an access code for each attendee and nobody else. Its
 * record stays withheld until the step it belongs to closes ({@link BallotOpened#withheld()}).
 */
@ApplicationScoped
public class MeetingVoteService {
    private static final String TRIGGER = "trigger";

    private final AttendanceService attendance;
    private final BallotService ballots;
    private final BallotKeys keys;
    private final AccessCodeIssuer accessCodes;
    private final Outbox outbox;
    private final Clock clock;
    private final AuditTrail audit;

    public MeetingVoteService(AttendanceService attendance, BallotService ballots, BallotKeys keys,
                              AccessCodeIssuer accessCodes, Outbox outbox, Clock clock, AuditTrail audit) {
        this.attendance = attendance;
        this.ballots = ballots;
        this.keys = keys;
        this.accessCodes = accessCodes;
        this.outbox = outbox;
        this.clock = clock;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<BallotViews.BallotView> open(UUID selectionId, UUID meetingId, BallotViews.MeetingVote request,
                                            Caller caller) {
        Instant now = clock.instant();
        return Selection.<Selection>findById(selectionId)
                .map(s -> TimetableAccess.requireOrganiser(s, caller, "selection " + selectionId))
                .chain(s -> paper(s, request, now).chain(named -> startedMeeting(s, meetingId)
                        .chain(m -> sequence(s, m, request.kind(), named).chain(paper -> quorate(s, m)
                                // the key pair last, once every check has passed: a refused opening costs none
                                .chain(register -> attendees(s, m, register.rollVersion()).chain(attendees ->
                                        IssuerKeys.generate().chain(key -> {
                                            Ballot b = newVote(s, m, request, paper, register.rollVersion(), key,
                                                    caller, now);
                                            b.electorate = (long) attendees.size();
                                            return issue(s, m, b, key, attendees);
                                        })))))))
                .map(b -> BallotViews.view(b, b.candidates(), List.of()));
    }

    private static Ballot newVote(Selection s, Meeting m, BallotViews.MeetingVote request, List<String> paper,
                                  int rollVersion, BlindSigningKey key, Caller caller, Instant now) {
        Ballot b = new Ballot();
        b.id = UUID.randomUUID();
        b.selectionId = s.id;
        b.kind = BallotOpened.MEETING;
        b.meetingId = m.id;
        b.meetingVote = request.kind();
        b.title = m.title + ": " + request.question().strip();
        b.status = Ballot.Status.OPEN;
        b.opensAt = now;
        b.closesAt = request.closesAt();
        b.setCandidates(paper);
        b.rollVersion = rollVersion;
        b.credentialKey = key.publicKey().encoded();
        b.variant = key.publicKey().variant().id();
        b.createdBy = caller.name();
        b.createdAt = now;
        return b;
    }

    private Uni<Ballot> issue(Selection s, Meeting m, Ballot b, BlindSigningKey key, List<Object[]> attendees) {
        // Flushed now: the access codes are written by a statement of their own, which refers to the ballot.
        return b.<Ballot>persistAndFlush()
                .call(() -> keys.seal(b.id, key).persist())
                .call(() -> Rulebook.current(s).chain(rulebook -> outbox.record(Topics.BALLOTS, b.id.toString(),
                        BallotOpened.TYPE, new BallotOpened(b.id.toString(), s.id.toString(), s.constituency,
                                b.title, b.candidates(), List.of(), BallotViews.METHOD, rulebook.tieBreak,
                                rulebook.seed, b.opensAt, b.closesAt, b.credentialKey, b.variant, rulebook.toJson(),
                                b.electorate, BallotOpened.MEETING, m.id.toString(), 1))))
                .call(() -> accessCodes.issue(b, attendees))
                .call(() -> audit.record(AuditAction.named("meeting.vote.open").in(s.auditScope())
                        .on(s.auditTarget() + "/" + Meeting.target(m.id)).after(AuditState.of(opened(b))).build()))
                .invoke(() -> keys.remember(b.id, key));
    }

    /** The meeting, locked, started, and with no vote open. */
    private static Uni<Meeting> startedMeeting(Selection s, UUID meetingId) {
        return Meeting.of(s.id, meetingId, true)
                .map(m -> {
                    if (!Meeting.STARTED.equals(m.status)) {
                        throw ProblemException.conflict("meeting-not-started",
                                "a meeting votes once it has started; it is " + m.status);
                    }
                    return m;
                })
                .call(m -> Ballot.count("meetingId = ?1 and status = ?2", m.id, Ballot.Status.OPEN).invoke(open -> {
                    if (open > 0) {
                        throw ProblemException.conflict("meeting-vote-open", "the meeting's current vote is still open");
                    }
                }));
    }

    /** The attendance against the complete roll; 409 unless it meets the rulebook's quorum (and someone attends). */
    private Uni<AttendanceViews.Register> quorate(Selection s, Meeting m) {
        return attendance.rollVersion(s).chain(version -> AttendanceService.register(s, m, version))
                .invoke(register -> {
                    if (!register.quorate() || register.attending() == 0) {
                        throw ProblemException.conflict("no-quorum", register.attending()
                                + " attend; the rulebook's quorum for a meeting is " + register.quorum());
                    }
                });
    }

    /**
     * The meeting closes its vote when it has voted: decided in the room, so no co-signature (unlike an early close
     * of the final ballot). As any close: no issuance in flight, the codes and key gone, {@code BallotClosed}.
     */
    @WithTransaction
    public Uni<BallotViews.BallotView> close(UUID selectionId, UUID meetingId, UUID ballotId, Caller caller) {
        return Selection.<Selection>findById(selectionId)
                .map(s -> TimetableAccess.requireOrganiser(s, caller, "selection " + selectionId))
                .chain(s -> BallotService.lockForClose(ballotId).call(b -> {
                    if (b == null || !meetingId.equals(b.meetingId) || !b.selectionId.equals(s.id)) {
                        throw ProblemException.notFound("vote " + ballotId + " of meeting " + meetingId);
                    }
                    BallotService.requireOpen(b);
                    return ballots.closeLocked(b, caller.name()).call(() -> audit.record(
                            AuditAction.named("meeting.vote.close").in(s.auditScope())
                                    .on(s.auditTarget() + "/" + Meeting.target(meetingId))
                                    .after(AuditState.of(Map.of("ballot", b.id.toString(), "status", "closed")))
                                    .build()));
                }))
                .map(b -> BallotViews.view(b, b.candidates(), List.of()));
    }

    /**
     * When a step closes, its meetings' votes are released for publication, once each: in full, or as totals only
     * where fewer than the rulebook's minimum voted (credentials issued, by the marked register). 409 while any of
     * them is still open: the step is not over. Call in the step's transaction.
     */
    public Uni<List<UUID>> release(Selection s, String step, Instant at) {
        return Ballot.<Ballot>list("select b from Ballot b, Meeting m where b.meetingId = m.id and m.selectionId = ?1 "
                        + "and m.step = ?2 and b.releasedAt is null order by b.createdAt", s.id, step)
                .chain(found -> {
                    if (found.stream().anyMatch(b -> b.status == Ballot.Status.OPEN)) {
                        return Uni.createFrom().failure(ProblemException.conflict("meeting-vote-open",
                                "a meeting vote of the " + step + " step is still open"));
                    }
                    return Rulebook.current(s).chain(rulebook -> Multi.createFrom().iterable(found)
                            .onItem().transformToUniAndConcatenate(b -> MarkedRegisterEntry.count("ballotId", b.id)
                                    .chain(voters -> {
                                        b.releasedAt = at;
                                        return outbox.record(Topics.BALLOTS, b.id.toString(), BallotReleased.TYPE,
                                                new BallotReleased(b.id.toString(), s.id.toString(), step,
                                                        voters < rulebook.fewestPublishedVoters(), at));
                                    }).replaceWith(b.id))
                            .collect().asList());
                });
    }

    /** The meeting's votes, oldest first, each with its result once counted. */
    @WithSession
    public Uni<List<BallotViews.BallotView>> list(UUID selectionId, UUID meetingId, Caller caller) {
        return Selection.<Selection>findById(selectionId)
                .map(s -> SelectionAccess.requireInArea(s, caller, "selection " + selectionId))
                .chain(s -> Ballot.<Ballot>list("selectionId = ?1 and meetingId = ?2 order by createdAt", s.id,
                        meetingId))
                .chain(found -> MeetingVoteResult.<MeetingVoteResult>list("meetingId", meetingId).map(results -> {
                    Map<UUID, MeetingVoteResult> byBallot = new HashMap<>();
                    results.forEach(r -> byBallot.put(r.ballotId, r));
                    return found.stream().map(b -> BallotViews.view(b, b.candidates(), List.of(),
                            byBallot.get(b.id))).toList();
                }));
    }

    /** Yes and No, or the round's candidates, each once and each standing in the selection. */
    private static Uni<List<String>> paper(Selection s, BallotViews.MeetingVote request, Instant now) {
        if (!request.closesAt().isAfter(now)) {
            return Uni.createFrom().failure(ProblemException.badRequest("the vote must close in the future",
                    List.of("closesAt: must be after now")));
        }
        List<String> named = request.candidates() == null ? List.of()
                : request.candidates().stream().map(String::strip).toList();
        if (BallotViews.MeetingVote.YES_NO.equals(request.kind())) {
            return named.isEmpty() ? Uni.createFrom().item(List.of("Yes", "No"))
                    : Uni.createFrom().failure(ProblemException.badRequest("a yes/no vote names no candidates",
                    List.of("candidates: must be empty for kind yes-no")));
        }
        if (!BallotViews.MeetingVote.ROUND.equals(request.kind())) {
            return Uni.createFrom().failure(ProblemException.badRequest("unknown kind of vote",
                    List.of("kind: must be yes-no or round")));
        }
        if (named.isEmpty() || new HashSet<>(named).size() != named.size()) {
            return Uni.createFrom().failure(ProblemException.badRequest("a round names its candidates",
                    List.of("candidates: each continuing candidate once")));
        }
        return Candidate.<Candidate>list("selectionId = ?1 and withdrawnAt is null", s.id).map(standing -> {
            List<String> unknown = named.stream()
                    .filter(n -> standing.stream().noneMatch(c -> c.name.equals(n))).toList();
            if (!unknown.isEmpty()) {
                throw ProblemException.badRequest("not standing in this selection",
                        unknown.stream().map(n -> "candidates: " + n + " is not a standing candidate").toList());
            }
            return named;
        });
    }

    /**
     * The vote's place among the meeting's votes: a yes/no vote once at a meeting held for the trigger step; a round
     * of the meeting's exhaustive ballot among two or more candidates first, then exactly the continuing candidates,
     * each round once the last has been counted and none once someone is selected. Returns the paper.
     */
    private static Uni<List<String>> sequence(Selection s, Meeting m, String kind, List<String> paper) {
        if (BallotViews.MeetingVote.YES_NO.equals(kind)) {
            if (!TRIGGER.equals(m.step)) {
                return Uni.createFrom().item(paper);
            }
            return Ballot.count("meetingId = ?1 and meetingVote = ?2", m.id, MeetingVoteResult.YES_NO).map(held -> {
                if (held > 0) {
                    throw ProblemException.conflict("meeting-voted", "the meeting has voted on the trigger: a "
                            + "branch's trigger vote is taken once");
                }
                return paper;
            });
        }
        return MeetingVoteResults.rounds(m.id).chain(rounds -> {
            if (rounds.isEmpty()) {
                if (paper.size() < 2) {
                    throw ProblemException.badRequest("a round needs two or more candidates",
                            List.of("candidates: at least two standing candidates, each once"));
                }
                return Uni.createFrom().item(paper);
            }
            Ballot last = rounds.get(rounds.size() - 1);
            return MeetingVoteResult.<MeetingVoteResult>findById(last.id).chain(counted -> {
                if (counted == null) {
                    throw ProblemException.conflict("round-not-counted", "round " + rounds.size() + " of the "
                            + "meeting's ballot has not been counted yet: the next round follows its result");
                }
                if (counted.outcome != null) {
                    throw ProblemException.conflict("ballot-decided", "the meeting's ballot is decided: "
                            + counted.outcome + " was selected in round " + counted.round);
                }
                return MeetingVoteResult.<MeetingVoteResult>list("ballotId in ?1 order by round",
                                rounds.stream().map(r -> r.id).toList())
                        .chain(results -> Rulebook.current(s).map(rulebook -> {
                            List<String> continuing = MeetingVoteResults.replay(rounds.get(0), results, rulebook)
                                    .continuing();
                            List<String> errors = new ArrayList<>();
                            continuing.stream().filter(c -> !paper.contains(c)).forEach(c ->
                                    errors.add("candidates: " + c + " is continuing and must be on the paper"));
                            paper.stream().filter(c -> !continuing.contains(c)).forEach(c ->
                                    errors.add("candidates: " + c + " is not a continuing candidate"));
                            if (!errors.isEmpty()) {
                                throw ProblemException.badRequest("round " + (rounds.size() + 1) + " is among the "
                                        + "continuing candidates: " + String.join(", ", continuing), errors);
                            }
                            return paper;
                        }));
            });
        });
    }

    /** The attendees on the roll version, as (elector id, email, name) for their access codes. */
    private static Uni<List<Object[]>> attendees(Selection s, Meeting m, int rollVersion) {
        return Panache.getSession().chain(session -> session.createQuery(
                        "select e.id, e.email, e.name from Elector e, Attendance a where a.meetingId = ?1 "
                                + "and e.selectionId = ?2 and e.version = ?3 "
                                + "and e.membershipNumber = a.membershipNumber order by e.membershipNumber",
                        Object[].class)
                .setParameter(1, m.id)
                .setParameter(2, s.id)
                .setParameter(3, rollVersion)
                .getResultList());
    }

    private static Map<String, Object> opened(Ballot b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ballot", b.id.toString());
        m.put("title", b.title);
        m.put("candidates", b.candidates());
        m.put("closesAt", b.closesAt.toString());
        m.put("electorate", b.electorate);
        return m;
    }
}
