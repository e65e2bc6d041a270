package org.selectorate.tally.paper;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;
import org.selectorate.contracts.Roles;
import org.selectorate.contracts.Topics;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditScope;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.paper.PaperNumber;
import org.selectorate.integrity.record.BallotInfo;
import org.selectorate.integrity.record.Channel;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.keys.KeyVault;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.support.problem.Problem;
import org.selectorate.support.problem.ProblemException;
import org.selectorate.tally.ballot.TallyBallot;
import org.selectorate.tally.certification.SelectionArea;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The tellers' double entry of paper batches, checked against the papers the ballot issued ({@link PaperLedger}): two
 * different tellers key each batch; when their entries agree item by item, or a scrutineer decides a disputed batch,
 * its papers are marked used and its votes go to the ballot's record writer through the casts topic
 * ({@link PaperBatchAgreed}). Every keying locks the ballot's row, so a ballot's batches are checked one at a time.
 * Callers hold the transaction.
 */
@ApplicationScoped
public class PaperService {
    private static final Logger LOG = Logger.getLogger(PaperService.class);
    private static final Set<String> TELLERS = Set.of(Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN,
            Roles.PROCEDURES_SECRETARY);

    private static final String LOOK_UP = "select digest, channel, status, reason from paper "
            + "where ballot_id = ?1 and digest = any(cast(?2 as text[]))";
    private static final String USE = "update paper set status = 'used' "
            + "where ballot_id = ?1 and digest = any(cast(?2 as text[])) and status = 'issued'";

    private final Outbox outbox;
    private final KeyVault vault;
    private final ObjectMapper json;
    private final AuditTrail audit;
    private final SecureRandom random = new SecureRandom();

    public PaperService(Outbox outbox, KeyVault vault, ObjectMapper json, AuditTrail audit) {
        this.outbox = outbox;
        this.vault = vault;
        this.json = json;
        this.audit = audit;
    }

    /** A batch's state as the tellers and scrutineers see it: no paper numbers, no votes. */
    public record BatchView(@Schema(example = "postal-1") String batch,
                            @Schema(example = "postal") String channel,
                            @Schema(example = "agreed") String status,
                            @Schema(example = "50") int papers) {
    }

    /** One teller's entry of a new batch: checked, sealed, and waiting for a different teller's. */
    public Uni<BatchView> keyFirst(String ballotId, PaperEntry entry, Caller caller) {
        return keyable(ballotId, caller).chain(ballot -> {
            Channel channel = requireChannel(entry.channel());
            return check(ballot, channel, entry, null).chain(items -> PaperBatch
                    .count("ballotId = ?1 and channel = ?2", ballot.id, channel.id())
                    .chain(n -> {
                        PaperBatch batch = new PaperBatch();
                        batch.ballotId = ballot.id;
                        batch.batch = channel.id() + "-" + (n + 1);
                        batch.channel = channel.id();
                        batch.status = PaperBatch.KEYED_ONCE;
                        batch.firstTeller = caller.subject();
                        batch.firstEntry = seal(batch, new PaperEntry(channel.id(), normal(items)));
                        LOG.infof("ballot %s: batch %s keyed once (%d papers)", ballot.id, batch.batch,
                                items.size());
                        return batch.<PaperBatch>persist()
                                .call(b -> audited("paper-batch.key", ballot, b, items.size()))
                                .map(b -> new BatchView(b.batch, b.channel, b.status, items.size()));
                    }));
        });
    }

    /**
     * The second, independent entry of a batch, by another teller: if it agrees with the first item by item the batch
     * is agreed and goes to the record; otherwise it is disputed, for a scrutineer.
     */
    public Uni<BatchView> keySecond(String ballotId, String batchRef, PaperEntry entry, Caller caller) {
        return keyable(ballotId, caller).chain(ballot -> batch(ballot, batchRef).chain(batch -> {
            if (!PaperBatch.KEYED_ONCE.equals(batch.status)) {
                throw ProblemException.conflict("batch-keyed", "batch " + batch.batch + " has been keyed twice "
                        + "already (" + batch.status + ")");
            }
            if (batch.firstTeller.equals(caller.subject())) {
                throw ProblemException.conflict("same-teller", "batch " + batch.batch + " was keyed first by you: "
                        + "its second entry must be keyed independently by a different teller");
            }
            Channel channel = requireChannel(entry.channel() == null ? batch.channel : entry.channel());
            requireBatchChannel(batch, channel);
            return check(ballot, channel, entry, batch.batch).chain(items -> {
                batch.secondTeller = caller.subject();
                PaperEntry second = new PaperEntry(channel.id(), normal(items));
                if (second.equals(open(batch, batch.firstEntry))) {
                    return agree(ballot, batch, items);
                }
                batch.status = PaperBatch.DISPUTED;
                batch.secondEntry = seal(batch, second);
                LOG.infof("ballot %s: the entries of batch %s disagree; listed for adjudication", ballot.id,
                        batch.batch);
                return Uni.createFrom().item(batch);
            }).call(b -> audited("paper-batch.key-again", ballot, b, items(b)))
                    .map(b -> new BatchView(b.batch, b.channel, b.status, items(b)));
        }));
    }

    /** One item where a disputed batch's two entries differ (null where an entry has no such item). */
    public record Difference(@Schema(example = "17") long item, PaperEntry.Item first, PaperEntry.Item second) {
    }

    public record Differences(@Schema(example = "postal-2") String batch,
                              @Schema(example = "postal") String channel,
                              List<Difference> differences) {
    }

    /** What a scrutineer adjudicates: the items where the two entries of a disputed batch differ. */
    public Uni<Differences> differences(String ballotId, String batchRef, Caller caller) {
        return ballot(ballotId, caller, true).invoke(ballot -> requireScrutineer(caller))
                .chain(ballot -> batch(ballot, batchRef)).map(batch -> {
                    requireDisputed(batch);
                    List<PaperEntry.Item> first = open(batch, batch.firstEntry).papers();
                    List<PaperEntry.Item> second = open(batch, batch.secondEntry).papers();
                    List<Difference> out = new ArrayList<>();
                    for (int i = 0; i < Math.max(first.size(), second.size()); i++) {
                        PaperEntry.Item a = i < first.size() ? first.get(i) : null;
                        PaperEntry.Item b = i < second.size() ? second.get(i) : null;
                        if (!Objects.equals(a, b)) {
                            out.add(new Difference(i + 1, a, b));
                        }
                    }
                    return new Differences(batch.batch, batch.channel, out);
                });
    }

    /** A scrutineer decides a disputed batch's papers; they are checked as an entry is, and go to the record. */
    public Uni<BatchView> adjudicate(String ballotId, String batchRef, PaperEntry decision, Caller caller) {
        return lockedBallot(ballotId, caller).invoke(ballot -> {
            requireScrutineer(caller);
            requireOpenForPapers(ballot);
        }).chain(ballot -> batch(ballot, batchRef).chain(batch -> {
            requireDisputed(batch);
            Channel channel = requireChannel(decision.channel() == null ? batch.channel : decision.channel());
            requireBatchChannel(batch, channel);
            return check(ballot, channel, decision, batch.batch).chain(items -> {
                batch.adjudicator = caller.subject();
                LOG.infof("ballot %s: batch %s adjudicated", ballot.id, batch.batch);
                return agree(ballot, batch, items);
            }).call(b -> audited("paper-batch.adjudicate", ballot, b, items(b)))
                    .map(b -> new BatchView(b.batch, b.channel, b.status, items(b)));
        }));
    }

    /** A ballot's batches and their state, for its officers and scrutineers. */
    public Uni<List<BatchView>> list(String ballotId, Caller caller) {
        return ballot(ballotId, caller, true).chain(ballot -> PaperBatch
                .<PaperBatch>list("ballotId = ?1 order by channel, batch", ballot.id)
                .map(batches -> batches.stream().map(b -> new BatchView(b.batch, b.channel, b.status, items(b)))
                        .toList()));
    }

    /**
     * An officer's request for the count of a closed ballot with paper channels: refused while a batch is keyed
     * once or disputed. The {@link CountRequested} marker follows every agreed batch in the casts partition.
     */
    public Uni<Void> requestCount(String ballotId, Caller caller) {
        return lockedBallot(ballotId, caller).chain(ballot -> {
            requireTeller(caller);
            if (TallyBallot.COUNTED.equals(ballot.status)) {
                throw ProblemException.conflict("counted", "ballot " + ballot.id + " has been counted");
            }
            if (ballot.isOpen()) {
                throw ProblemException.conflict("not-closed", "ballot " + ballot.id + " is still open: it is "
                        + "counted once it has closed and its paper batches are agreed");
            }
            if (!ballot.hasPaperChannels()) {
                throw ProblemException.conflict("counted-at-close", "ballot " + ballot.id + " has no paper "
                        + "channel: it is counted at its close");
            }
            if (ballot.countRequested) {
                throw ProblemException.conflict("count-requested", "the count of ballot " + ballot.id
                        + " has been asked for already");
            }
            return PaperBatch.<PaperBatch>list("ballotId = ?1 and status in (?2, ?3) order by batch", ballot.id,
                    PaperBatch.KEYED_ONCE, PaperBatch.DISPUTED).chain(pending -> {
                if (!pending.isEmpty()) {
                    throw new ProblemException(Problem.of(409, "papers-pending", "Paper batches are pending",
                                    pending.size() + " paper batches of ballot " + ballot.id + " are not agreed yet: "
                                            + "each needs a second entry or a scrutineer's adjudication")
                            .withErrors(pending.stream().map(b -> b.batch + ": " + b.status).toList()));
                }
                ballot.countRequested = true;
                LOG.infof("ballot %s: count requested", ballot.id);
                return outbox.record(Topics.CASTS, ballot.id, CountRequested.TYPE, new CountRequested(ballot.id))
                        .call(() -> audit.record(AuditAction.named("ballot.count-request").in(scope(ballot))
                                .on("ballot/" + ballot.id).build()));
            });
        });
    }

    /** The tellers' spoilt papers per channel and reason, of the agreed batches. Needs a session. */
    public static Uni<Map<Channel, Map<String, Long>>> spoilt(String ballotId) {
        return PaperBatch.<PaperBatch>list("ballotId = ?1 and status in (?2, ?3)", ballotId, PaperBatch.AGREED,
                PaperBatch.APPENDED).map(batches -> {
            Map<Channel, Map<String, Long>> out = new EnumMap<>(Channel.class);
            for (PaperBatch b : batches) {
                b.spoiltCounts().forEach((reason, n) -> out.computeIfAbsent(Channel.fromId(b.channel),
                        c -> new TreeMap<>()).merge(reason, n, Long::sum));
            }
            return out;
        });
    }

    /** A paper checked against the ballot: its number, digest and vote or spoilt reason. */
    private record Checked(PaperNumber number, List<String> vote, String spoilt) {
    }

    /** A refusal of one item: the first refusal names the problem; every item's is listed. */
    private record Failure(int status, String slug, String title, String message) {
    }

    /**
     * Checks an entry against the ballot and its papers: every number issued for this ballot in this channel, not
     * cancelled, not used and not in another batch still being keyed, none twice; every vote a valid ranking.
     */
    private Uni<List<Checked>> check(TallyBallot ballot, Channel channel, PaperEntry entry, String batchRef) {
        List<Failure> failures = new ArrayList<>();
        List<Checked> items = new ArrayList<>();
        if (entry.papers() == null || entry.papers().isEmpty()) {
            throw ProblemException.badRequest("a batch has at least one paper", List.of("papers: empty"));
        }
        BallotInfo info = new BallotInfo(ballot.id, ballot.title, ballot.candidateList(), ballot.withdrawnList());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < entry.papers().size(); i++) {
            int item = i + 1;
            PaperEntry.Item p = entry.papers().get(i);
            PaperNumber number;
            try {
                number = PaperNumber.read(p == null ? null : p.paper());
            } catch (IllegalArgumentException e) {
                failures.add(new Failure(400, "unknown-paper", "Unknown paper", "item " + item + ": "
                        + e.getMessage()));
                items.add(null);
                continue;
            }
            Integer before = seen.putIfAbsent(number.digest(), item);
            if (before != null) {
                failures.add(new Failure(400, "paper-repeated", "A paper keyed twice in the batch", "items "
                        + before + " and " + item + ": paper " + number + " is in the batch twice"));
            }
            boolean spoilt = p.spoilt() != null && !p.spoilt().isBlank();
            List<String> vote = spoilt || p.vote() == null ? null : p.vote();
            if (spoilt == (p.vote() != null)) {
                failures.add(new Failure(400, "invalid-request", "The request is invalid", "item " + item
                        + ": a paper has either a vote or the reason it is spoilt"));
            } else if (vote != null) {
                String problem = vote.contains(null) ? "names nobody" : info.voteProblem(vote);
                if (problem != null || vote.isEmpty()) {
                    failures.add(new Failure(400, "invalid-request", "The request is invalid", "item " + item
                            + ": the vote " + (problem != null ? problem : "ranks nobody: key it as spoilt")));
                    vote = null;
                }
            }
            items.add(new Checked(number, vote == null ? null : List.copyOf(vote),
                    spoilt ? p.spoilt().trim() : null));
        }
        String[] digests = items.stream().filter(Objects::nonNull).map(c -> c.number().digest())
                .toArray(String[]::new);
        return Panache.getSession().chain(s -> s.createNativeQuery(LOOK_UP, Object[].class)
                        .setParameter(1, ballot.id).setParameter(2, digests).getResultList())
                .chain(rows -> inOtherBatches(ballot.id, batchRef).map(keyed -> {
                    Map<String, Object[]> papers = new HashMap<>();
                    rows.forEach(row -> papers.put((String) row[0], row));
                    for (int i = 0; i < items.size(); i++) {
                        Checked c = items.get(i);
                        if (c == null) {
                            continue;
                        }
                        String at = "item " + (i + 1) + ": paper " + c.number();
                        Object[] paper = papers.get(c.number().digest());
                        if (paper == null) {
                            failures.add(new Failure(400, "unknown-paper", "Unknown paper", at
                                    + " was not issued for this ballot"));
                        } else if (!channel.id().equals(paper[1])) {
                            failures.add(new Failure(400, "wrong-channel", "A paper of another channel", at
                                    + " was issued " + paper[1] + ", not " + channel.id()));
                        } else if ("cancelled".equals(paper[2])) {
                            failures.add(new Failure(409, "paper-cancelled", "A cancelled paper", at
                                    + " was cancelled (" + paper[3] + ") and must not be counted"));
                        } else if ("used".equals(paper[2]) || keyed.contains(c.number().digest())) {
                            failures.add(new Failure(409, "paper-used", "A paper used in another batch", at
                                    + " is already in another batch"));
                        }
                    }
                    if (!failures.isEmpty()) {
                        Failure first = failures.get(0);
                        throw new ProblemException(Problem.of(first.status(), first.slug(), first.title(),
                                        "the batch is refused: " + first.message())
                                .withErrors(failures.stream().map(Failure::message).toList()));
                    }
                    return items;
                }));
    }

    /** The digests of papers in this ballot's other batches still being keyed (their entries opened). */
    private Uni<Set<String>> inOtherBatches(String ballotId, String batchRef) {
        return PaperBatch.<PaperBatch>list("ballotId = ?1 and status in (?2, ?3)", ballotId, PaperBatch.KEYED_ONCE,
                PaperBatch.DISPUTED).map(batches -> {
            Set<String> out = new HashSet<>();
            for (PaperBatch b : batches) {
                if (b.batch.equals(batchRef)) {
                    continue;
                }
                for (byte[] sealed : new byte[][]{b.firstEntry, b.secondEntry}) {
                    if (sealed != null) {
                        open(b, sealed).papers().forEach(p -> out.add(PaperNumber.read(p.paper()).digest()));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The batch is agreed: its papers are marked used (a set: nothing says which batch used them), its votes kept in
     * a fresh random order (their items on the record follow no teller, tray or member), its spoilt papers counted
     * by reason, its entries erased, and the record writer told.
     */
    private Uni<PaperBatch> agree(TallyBallot ballot, PaperBatch batch, List<Checked> items) {
        String[] digests = items.stream().map(c -> c.number().digest()).toArray(String[]::new);
        List<List<String>> votes = new ArrayList<>();
        Map<String, Long> spoilt = new TreeMap<>();
        for (Checked c : items) {
            if (c.spoilt() != null) {
                spoilt.merge(c.spoilt(), 1L, Long::sum);
            } else {
                votes.add(c.vote());
            }
        }
        Collections.shuffle(votes, random);
        return Panache.getSession().chain(s -> s.createNativeQuery(USE)
                .setParameter(1, ballot.id).setParameter(2, digests).executeUpdate()).chain(used -> {
            if (used != digests.length) {
                throw ProblemException.conflict("paper-used", "a paper of batch " + batch.batch
                        + " was used or cancelled meanwhile");
            }
            batch.status = PaperBatch.AGREED;
            batch.firstEntry = null;
            batch.secondEntry = null;
            batch.votes = CanonicalJson.write(votes);
            batch.spoilt = CanonicalJson.write(spoilt);
            LOG.infof("ballot %s: batch %s agreed (%d votes, %d spoilt)", ballot.id, batch.batch, votes.size(),
                    items.size() - votes.size());
            return outbox.record(Topics.CASTS, ballot.id, PaperBatchAgreed.TYPE,
                    new PaperBatchAgreed(ballot.id, batch.batch)).replaceWith(batch);
        });
    }

    /** Who keyed or decided a batch, and what it became: no paper number, no vote. */
    private Uni<Void> audited(String action, TallyBallot ballot, PaperBatch batch, int papers) {
        return audit.record(AuditAction.named(action).in(scope(ballot)).on("ballot/" + ballot.id + "/batch/"
                        + batch.batch)
                .after(AuditState.of(Map.of("channel", batch.channel, "status", batch.status, "papers", papers)))
                .build());
    }

    private static AuditScope scope(TallyBallot ballot) {
        // tally-service does not learn regions.
        return ballot.constituency == null ? AuditScope.NATIONAL
                : AuditScope.selection(null, ballot.constituency, ballot.selectionId);
    }

    /** The ballot, locked, if the caller may key its papers now. */
    private Uni<TallyBallot> keyable(String ballotId, Caller caller) {
        return lockedBallot(ballotId, caller).invoke(ballot -> {
            requireTeller(caller);
            requireOpenForPapers(ballot);
        });
    }

    private static void requireOpenForPapers(TallyBallot ballot) {
        if (TallyBallot.COUNTED.equals(ballot.status) || ballot.countRequested) {
            throw ProblemException.conflict("counted", "ballot " + ballot.id + " has been counted (or its count "
                    + "asked for): no more papers may be keyed");
        }
    }

    private Uni<TallyBallot> lockedBallot(String ballotId, Caller caller) {
        return TallyBallot.<TallyBallot>findById(ballotId, LockModeType.PESSIMISTIC_WRITE)
                .call(ballot -> requireCovered(ballotId, ballot, caller));
    }

    /** The ballot, if the caller covers it: a teller, or with {@code scrutineers} a scrutineer too. */
    private Uni<TallyBallot> ballot(String ballotId, Caller caller, boolean scrutineers) {
        return TallyBallot.<TallyBallot>findById(ballotId).call(ballot -> requireCovered(ballotId, ballot, caller))
                .invoke(ballot -> {
                    if (!(scrutineers && caller.roles().contains(Roles.SCRUTINEER))) {
                        requireTeller(caller);
                    }
                });
    }

    /**
     * Beyond HQ, the token must name the ballot's constituency or its selection's region (learnt from
     * {@code SelectionCreated}, as for certification), so the scrutineer of a region can adjudicate its batches.
     */
    private static Uni<SelectionArea> requireCovered(String ballotId, TallyBallot ballot, Caller caller) {
        if (ballot == null) {
            throw ProblemException.notFound("ballot " + ballotId);
        }
        return SelectionArea.of(ballot).invoke(area -> {
            if (!area.coveredBy(caller)) {
                throw ProblemException.notFound("ballot " + ballotId);
            }
        });
    }

    private static void requireTeller(Caller caller) {
        if (caller.roles().stream().noneMatch(TELLERS::contains)) {
            throw ProblemException.forbidden("papers are keyed by a procedures secretary or an admin");
        }
    }

    private static void requireScrutineer(Caller caller) {
        if (!caller.roles().contains(Roles.SCRUTINEER)) {
            throw ProblemException.forbidden("a disputed batch is adjudicated by a scrutineer");
        }
    }

    private static void requireDisputed(PaperBatch batch) {
        if (!PaperBatch.DISPUTED.equals(batch.status)) {
            throw ProblemException.conflict("not-disputed", "batch " + batch.batch + " is " + batch.status
                    + ", not disputed");
        }
    }

    private static void requireBatchChannel(PaperBatch batch, Channel channel) {
        if (!batch.channel.equals(channel.id())) {
            throw new ProblemException(Problem.of(400, "wrong-channel", "A paper of another channel",
                    "batch " + batch.batch + " holds " + batch.channel + " papers, not " + channel.id()));
        }
    }

    private static Uni<PaperBatch> batch(TallyBallot ballot, String batchRef) {
        return PaperBatch.<PaperBatch>findById(new PaperBatch.Key(ballot.id, batchRef))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("batch " + batchRef + " of ballot "
                        + ballot.id));
    }

    private static Channel requireChannel(String id) {
        Channel channel = PaperLedger.paperChannel(id);
        if (channel == null) {
            throw ProblemException.badRequest("unknown paper channel " + id, List.of("channel: postal or in-person"));
        }
        return channel;
    }

    /** An entry's items as kept: numbers as printed, a vote or a trimmed reason. */
    private static List<PaperEntry.Item> normal(List<Checked> items) {
        return items.stream().map(c -> new PaperEntry.Item(c.number().grouped(), c.vote(), c.spoilt())).toList();
    }

    /** Papers in the batch: its first entry's while keyed, its votes and spoilt papers once agreed. */
    private int items(PaperBatch b) {
        if (b.votes != null) {
            return b.voteList().size() + b.spoiltCounts().values().stream().mapToInt(Long::intValue).sum();
        }
        return open(b, b.firstEntry).papers().size();
    }

    private static String context(PaperBatch batch) {
        return "paper-entry:" + batch.ballotId + ":" + batch.batch;
    }

    private byte[] seal(PaperBatch batch, PaperEntry entry) {
        try {
            return vault.seal(json.writeValueAsBytes(entry), context(batch));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PaperEntry open(PaperBatch batch, byte[] sealed) {
        try {
            return json.readValue(vault.open(sealed, context(batch)), PaperEntry.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
