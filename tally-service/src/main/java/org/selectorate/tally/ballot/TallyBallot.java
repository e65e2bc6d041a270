package org.selectorate.tally.ballot;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.selectorate.contracts.ballot.BallotClosed;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindVerificationKey;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.json.Json;
import org.selectorate.integrity.record.BallotInfo;
import org.selectorate.integrity.record.Channel;
import org.selectorate.counting.anomaly.Turnout;
import org.selectorate.integrity.record.CountRules;
import org.selectorate.integrity.record.RecordHeader;
import org.selectorate.integrity.record.RecordKeys;
import org.selectorate.integrity.record.TreeHeadKey;
import org.selectorate.integrity.record.TreeHeadSigner;
import org.selectorate.support.keys.KeyVault;
import org.selectorate.support.problem.Problem;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A ballot as ballot-service opened it, with the Ed25519 key pair of its public record: the private key sealed with
 * the service's key file ({@link KeyVault}), and erased once its record is final (the last head signed).
 * <p>
 * A final ballot's record is public as it runs. A meeting ballot's is written the same way but withheld: nothing of
 * it is published until ballot-service releases it (its step has closed) and it has closed itself; released as
 * totals only, its count's totals are published and its entries never are ({@link #published}).
 */
@Entity
@Table(name = "tally_ballot")
public class TallyBallot extends PanacheEntityBase {
    public static final String OPEN = "open";
    public static final String CLOSED = "closed";
    public static final String COUNTED = "counted";
    public static final String FINAL = "final";
    public static final String MEETING = "meeting";
    public static final String RELEASED_FULL = "full";
    public static final String RELEASED_TOTALS_ONLY = "totals-only";

    /** What of a ballot's record the public may read: {@link #RECORD} includes the totals. */
    public enum Published { NOTHING, TOTALS, RECORD }

    @Id
    public String id;
    @Column(name = "selection_id", nullable = false)
    public String selectionId;
    public String constituency;
    @Column(nullable = false)
    public String title;
    @Column(nullable = false)
    public String candidates;
    @Column(nullable = false)
    public String withdrawn;
    @Column(nullable = false)
    public String method;
    @Column(name = "tie_break", nullable = false)
    public String tieBreak;
    public long seed;
    @Column(name = "credential_key", nullable = false)
    public String credentialKey;
    @Column(nullable = false)
    public String variant;
    @Column(nullable = false)
    public String rulebook;
    public long electorate;
    @Column(name = "opens_at")
    public Instant opensAt;
    @Column(name = "closes_at")
    public Instant closesAt;
    /** PKCS#8 sealed under {@link #treeHeadKeyContext}; null once the record is final. */
    @Column(name = "tree_head_private")
    public byte[] treeHeadPrivate;
    @Column(name = "tree_head_public", nullable = false)
    public String treeHeadPublic;
    @Column(nullable = false)
    public String status;
    @Column(name = "marked_register")
    public String markedRegister;
    @Column(name = "closed_at")
    public Instant closedAt;
    /** {@link #FINAL} or {@link #MEETING}. */
    @Column(nullable = false)
    public String kind;
    @Column(name = "meeting_id")
    public String meetingId;
    /** A meeting ballot's release: null while withheld, {@link #RELEASED_FULL} or {@link #RELEASED_TOTALS_ONLY}. */
    public String release;
    @Column(name = "released_step")
    public String releasedStep;
    @Column(name = "released_at")
    public Instant releasedAt;
    /** Seats to fill: 1 for AV, more for STV. */
    public int seats;
    /** BallotClosed's papers per paper channel (JSON), null before the close or without paper channels. */
    public String papers;
    /**
     * BallotClosed's figures for the anomaly flags (JSON {@code {turnoutByBranch: {branch: {electors, marked}},
     * issuancesByHour: {hour: n}}}): counts only; null before the close.
     */
    @Column(name = "flag_inputs")
    public String flagInputs;
    /** An officer asked for the count of a ballot with paper channels: no more batches may be keyed. */
    @Column(name = "count_requested")
    public boolean countRequested;
    /** The record writer has appended every cast before the close ({@code CastsClosed}); set by the writer. */
    @Column(name = "casts_drained")
    public boolean castsDrained;
    /**
     * The record is final (its last head signed, every cast and agreed paper batch on it): the count is due, for
     * {@code CountDue} to claim. Set by the writer.
     */
    @Column(name = "count_due")
    public boolean countDue;

    public boolean isOpen() {
        return OPEN.equals(status);
    }

    public boolean isMeeting() {
        return MEETING.equals(kind);
    }

    public Published published() {
        return published(kind, release, status);
    }

    /**
     * A final ballot publishes its whole record as it runs. A meeting ballot publishes nothing while withheld, nor
     * while it is still open even if already released (its step closed first): a running tally of a meeting's vote
     * would tell those present how the last voters voted. Once released and closed, it publishes as a final ballot
     * does, or only its count's totals.
     */
    public static Published published(String kind, String release, String status) {
        if (!MEETING.equals(kind)) {
            return Published.RECORD;
        }
        if (release == null || OPEN.equals(status)) {
            return Published.NOTHING;
        }
        return RELEASED_TOTALS_ONLY.equals(release) ? Published.TOTALS : Published.RECORD;
    }

    /**
     * Refuses a public read of more than the ballot publishes now: 404, as for a record not published at all, with a
     * detail saying when it will be, or that it never will.
     */
    public static void requirePublished(String ballotId, String kind, String release, String status,
                                        Published needed) {
        Published published = published(kind, release, status);
        if (published.compareTo(needed) >= 0) {
            return;
        }
        String detail = switch (published) {
            case NOTHING -> "ballot " + ballotId + " is a vote at a meeting: its record and result are withheld, "
                    + (release == null ? "and published when its step closes" : "and published once it has closed");
            case TOTALS -> "ballot " + ballotId + " is published as totals only, since fewer voted than the "
                    + "rulebook's minimum: its entries, trackers, inclusion proofs and record are never published, "
                    + "because with so few voters an entry could be tied to its voter";
            case RECORD -> throw new IllegalStateException("a whole record publishes everything");
        };
        throw new ProblemException(Problem.of(404, "not-published", "Not published", detail));
    }

    public void requirePublished(Published needed) {
        requirePublished(id, kind, release, status, needed);
    }

    public List<String> candidateList() {
        return strings(candidates);
    }

    public List<String> withdrawnList() {
        return strings(withdrawn);
    }

    public BlindVerificationKey verificationKey() {
        return BlindVerificationKey.fromEncoded(BlindRsaVariant.fromId(variant), credentialKey);
    }

    /** What the sealed tree-head key is bound to: it opens for this ballot's row only. */
    public static String treeHeadKeyContext(String ballotId) {
        return "tree-head:" + ballotId;
    }

    /** Seals the record's private key into this row. */
    public void sealTreeHeadKey(TreeHeadSigner signer, KeyVault vault) {
        treeHeadPrivate = vault.seal(signer.pkcs8(), treeHeadKeyContext(id));
        treeHeadPublic = signer.publicKey().encoded();
    }

    /** The record's signer, opened from its sealed key; fails once the record is final (the key is erased). */
    public TreeHeadSigner signer(KeyVault vault) {
        if (treeHeadPrivate == null) {
            throw new IllegalStateException("ballot " + id + " has no tree-head key: its record is final");
        }
        return TreeHeadSigner.fromKeys(vault.open(treeHeadPrivate, treeHeadKeyContext(id)), treeHeadPublic);
    }

    /** What every signed tree head of this ballot commits to; rebuilt identically on every load. */
    @SuppressWarnings("unchecked")
    public RecordHeader header() {
        BallotInfo info = new BallotInfo(id, title, candidateList(), withdrawnList());
        // STV breaks ties by its method's own rule (counting's); the rulebook's tie-break is the alternative vote's.
        CountRules count = CountRules.AV.equals(method)
                ? new CountRules(method, 1, tieBreak, seed, List.of(), false, "majority")
                : CountRules.singleTransferableVote(method, Math.max(seats, 1), seed);
        RecordKeys keys = RecordKeys.of(verificationKey(), TreeHeadKey.fromEncoded(treeHeadPublic));
        return new RecordHeader(info, (Map<String, Object>) Json.parse(rulebook), count, keys);
    }

    /** Members marked as issued a ballot, per channel (empty before close). */
    public Map<Channel, Long> markedRegisterCounts() {
        Map<Channel, Long> out = new EnumMap<>(Channel.class);
        if (markedRegister != null) {
            ((Map<?, ?>) Json.parse(markedRegister)).forEach((k, v) ->
                    out.put(Channel.fromId((String) k), ((Number) v).longValue()));
        }
        return out;
    }

    /** Papers issued, returned (postal) and rejected by reason per paper channel, as ballot-service closed it. */
    public Map<Channel, BallotClosed.PaperIssue> paperIssues() {
        Map<Channel, BallotClosed.PaperIssue> out = new EnumMap<>(Channel.class);
        if (papers != null) {
            ((Map<?, ?>) Json.parse(papers)).forEach((k, v) -> {
                Map<?, ?> issue = (Map<?, ?>) v;
                Map<String, Long> rejected = new TreeMap<>();
                if (issue.get("rejected") instanceof Map<?, ?> m) {
                    m.forEach((reason, n) -> rejected.put((String) reason, ((Number) n).longValue()));
                }
                Object returned = issue.get("returned");
                out.put(Channel.fromId((String) k), new BallotClosed.PaperIssue(
                        ((Number) issue.get("issued")).longValue(),
                        returned == null ? null : ((Number) returned).longValue(), rejected));
            });
        }
        return out;
    }

    /** Turnout per branch as ballot-service closed the ballot (empty before the close). */
    public Map<String, Turnout> turnoutByBranch() {
        Map<String, Turnout> out = new TreeMap<>();
        if (flagInputs != null && ((Map<?, ?>) Json.parse(flagInputs)).get("turnoutByBranch") instanceof Map<?, ?> m) {
            m.forEach((branch, v) -> {
                Map<?, ?> t = (Map<?, ?>) v;
                out.put((String) branch, new Turnout(((Number) t.get("electors")).longValue(),
                        ((Number) t.get("marked")).longValue()));
            });
        }
        return out;
    }

    /** Ballots issued per UTC hour as ballot-service closed the ballot (empty before the close). */
    public Map<String, Long> issuancesByHour() {
        Map<String, Long> out = new TreeMap<>();
        if (flagInputs != null && ((Map<?, ?>) Json.parse(flagInputs)).get("issuancesByHour") instanceof Map<?, ?> m) {
            m.forEach((hour, n) -> out.put((String) hour, ((Number) n).longValue()));
        }
        return out;
    }

    /**
     * Whether papers were issued in any paper channel: then the count waits for the tellers' batches and an officer's
     * request, rather than running at the close.
     */
    public boolean hasPaperChannels() {
        return paperIssues().values().stream().anyMatch(issue -> issue.issued() > 0);
    }

    static String json(Object value) {
        return CanonicalJson.write(value);
    }

    private static List<String> strings(String json) {
        return ((List<?>) Json.parse(json)).stream().map(String.class::cast).toList();
    }
}
