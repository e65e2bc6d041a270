package org.selectorate.tally.cast;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.selectorate.contracts.cast.CastSubmitted;
import org.selectorate.integrity.blind.BlindVerificationKey;
import org.selectorate.integrity.blind.Credential;
import org.selectorate.integrity.blind.CredentialMessage;
import org.selectorate.integrity.blind.Token;
import org.selectorate.integrity.tracker.Tracker;
import org.selectorate.support.problem.Problem;
import org.selectorate.support.problem.ProblemException;
import org.selectorate.tally.ballot.TallyBallot;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a cast as far as can be checked without the record (ballot open, vote shape, credential, token not
 * yet on the record or held) and produces it, sealed ({@link CastSeal}), to the ballot's casts partition; the
 * partition owner has the last word.
 */
@ApplicationScoped
public class CastService {
    private static final String SOURCE = "urn:selectorate:tally-service";

    /** What never changes about an open ballot, parsed once; a meeting's vote takes one mark ({@code oneMark}). */
    record BallotFace(List<String> candidates, Set<String> withdrawn, BlindVerificationKey key, boolean oneMark) {
    }

    /** A cast that passed the endpoint's checks: its token, and its ballot's face to seal it with. */
    private record Checked(Token token, BallotFace face) {
    }

    // "Due" is the closing time passed: the timetable's close reaches this service a few seconds later.
    // "Used" is on the record (public: looked up by the token) or held for its next mix (pending_cast keeps only the
    // token's keyed hash): either way the token has voted.
    private static final String USED = "(exists (select 1 from record_entry e where e.ballot_id = b.id and e.token = $2) "
            + "or exists (select 1 from pending_cast p where p.ballot_id = b.id and p.token_mac = $3)) as used";
    private static final String STATE = "select b.status, b.closes_at <= now() as due, " + USED
            + " from tally_ballot b where b.id = $1";
    private static final String STATE_AND_FACE = "select b.status, b.closes_at <= now() as due, " + USED
            + ", b.candidates, b.withdrawn, b.variant, b.credential_key, b.kind from tally_ballot b where b.id = $1";

    private final MutinyEmitter<String> emitter;
    private final CastSeal seal;
    private final Pool pool;
    private final Map<String, BallotFace> faces = new ConcurrentHashMap<>();

    public CastService(@Channel("cast-submissions") MutinyEmitter<String> emitter, CastSeal seal, Pool pool) {
        this.emitter = emitter;
        this.seal = seal;
        this.pool = pool;
    }

    public Uni<CastAccepted> cast(String ballotId, CastRequest request) {
        String token = request == null ? null : canonical(request.token());
        Buffer tokenMac = token == null ? null : Buffer.buffer(seal.tokenMac(ballotId, token));
        BallotFace cached = faces.get(ballotId);
        // On the pool rather than a Hibernate session (the hot path of every vote). Under the cast fence, one
        // statement reads the ballot's status and whether the token is on the record or held (unique indexes on
        // ballot_id and token, or token_mac), and the ballot's public face the first time this replica sees the
        // ballot; the transaction ends only once the broker has the cast, so the ballot cannot close in between.
        return pool.withTransaction(connection -> CastFence.shared(connection, ballotId)
                        .chain(() -> connection.preparedQuery(cached == null ? STATE_AND_FACE : STATE)
                                .execute(Tuple.of(ballotId, token, tokenMac)))
                        .map(rows -> {
                            if (rows.size() == 0) {
                                throw ProblemException.notFound("ballot " + ballotId);
                            }
                            Row row = rows.iterator().next();
                            boolean due = Boolean.TRUE.equals(row.getBoolean("due"));
                            if (!TallyBallot.OPEN.equals(row.getString("status")) || due) {
                                throw ProblemException.conflict("ballot-closed",
                                        "ballot " + ballotId + " is closed: no more votes can be cast");
                            }
                            BallotFace face = cached == null ? face(ballotId, row) : cached;
                            Token valid = checked(ballotId, request, face);
                            if (row.getBoolean("used")) {
                                throw ProblemException.conflict("credential-used",
                                        "this credential has already been used");
                            }
                            return new Checked(valid, face);
                        })
                        .call(checked -> emit(ballotId, request, checked)))
                .map(checked -> {
                    String tracker = Tracker.forToken(ballotId, checked.token()).value();
                    return new CastAccepted(tracker, "/api/tally/public/ballots/" + ballotId + "/entries/" + tracker);
                });
    }

    /** The token as the record stores it, or the text as sent when it is no token (refused as malformed). */
    private static String canonical(String token) {
        try {
            return token == null ? null : Token.fromEncoded(token).encoded();
        } catch (IllegalArgumentException e) {
            return token;
        }
    }

    /** The ballot's candidates and key, read once (never its record's private key). */
    private BallotFace face(String ballotId, Row row) {
        TallyBallot b = new TallyBallot();
        b.candidates = row.getString("candidates");
        b.withdrawn = row.getString("withdrawn");
        b.variant = row.getString("variant");
        b.credentialKey = row.getString("credential_key");
        BallotFace face = new BallotFace(b.candidateList(), Set.copyOf(b.withdrawnList()), b.verificationKey(),
                TallyBallot.MEETING.equals(row.getString("kind")));
        faces.put(ballotId, face);
        return face;
    }

    /** The token, if the request is well formed, ranks validly and carries a credential for this ballot. */
    private static Token checked(String ballotId, CastRequest request, BallotFace face) {
        if (request == null) {
            throw ProblemException.badRequest("send {token, prefix, signature, vote}", List.of("body: required"));
        }
        List<String> errors = new ArrayList<>();
        Token token = null;
        if (request.token() == null || request.token().isBlank()) {
            errors.add("token: required");
        } else {
            try {
                token = Token.fromEncoded(request.token());
            } catch (IllegalArgumentException e) {
                errors.add("token: not a base64url 32-byte token");
            }
        }
        Credential credential = null;
        if (request.signature() == null || request.signature().isBlank()) {
            errors.add("signature: required");
        } else {
            try {
                credential = new Credential(request.prefix(), request.signature());
            } catch (IllegalArgumentException e) {
                errors.add("signature: not a base64url credential (" + e.getMessage() + ")");
            }
        }
        errors.addAll(voteProblems(request.vote(), face));
        if (errors.isEmpty() && face.oneMark() && request.vote().size() > 1) {
            // A meeting votes as a show of hands would, in secret: each member marks one option, counted as cast.
            throw new ProblemException(Problem.of(400, "one-mark", "One mark only", "a vote at a meeting takes one "
                    + "mark: choose one of " + String.join(", ", face.candidates()) + ", not a ranking")
                    .withErrors(List.of("vote: mark one option only")));
        }
        if (!errors.isEmpty()) {
            String detail = errors.stream().filter(s -> s.startsWith("vote:")).findFirst()
                    .map(s -> "the vote is invalid: " + s.substring("vote: ".length()))
                    .orElse("the cast is malformed");
            throw ProblemException.badRequest(detail, errors);
        }
        if (!face.key().verify(CredentialMessage.of(ballotId, token), credential)) {
            throw ProblemException.forbidden("the credential is not a valid signature for this ballot and token");
        }
        return token;
    }

    private static List<String> voteProblems(List<String> vote, BallotFace face) {
        if (vote == null || vote.isEmpty()) {
            return List.of("vote: rank at least one candidate");
        }
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : vote) {
            if (name == null || !face.candidates().contains(name)) {
                problems.add("vote: \"" + name + "\" is not a candidate");
            } else if (face.withdrawn().contains(name)) {
                problems.add("vote: \"" + name + "\" has withdrawn");
            } else if (!seen.add(name)) {
                problems.add("vote: \"" + name + "\" is ranked more than once");
            }
        }
        return problems;
    }

    /**
     * Produces the cast keyed by ballot, sealed (its value the base64url text of the sealed {@link CastSubmitted}, so
     * the broker holds no token, credential or vote in clear), as a binary-mode CloudEvent with no time in it and a
     * Kafka timestamp cut to the hour (the producer would otherwise stamp each cast to the millisecond); completes on
     * the broker's ack. The CloudEvent headers are written here: the connector's CloudEvent writer turns a Kafka
     * timestamp into a {@code ce_time}.
     */
    private Uni<Void> emit(String ballotId, CastRequest request, Checked checked) {
        CastSubmitted cast = new CastSubmitted(ballotId, checked.token().encoded(), request.prefix(),
                request.signature(), List.copyOf(request.vote()));
        Message<String> message = Message.of(seal.forTopic(cast, checked.face().candidates()))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(ballotId)
                        .withTimestamp(Instant.now().truncatedTo(ChronoUnit.HOURS))
                        .addHeaders(header("ce_specversion", "1.0"), header("ce_id", UUID.randomUUID().toString()),
                                header("ce_type", CastSubmitted.TYPE), header("ce_source", SOURCE),
                                header("ce_subject", ballotId), header("content-type", "text/plain"))
                        .build());
        return emitter.sendMessage(message);
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
