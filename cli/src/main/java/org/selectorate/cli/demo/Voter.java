package org.selectorate.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindVerificationKey;
import org.selectorate.integrity.blind.BlindingSession;
import org.selectorate.integrity.blind.Credential;
import org.selectorate.integrity.blind.CredentialMessage;
import org.selectorate.integrity.blind.Token;
import org.selectorate.integrity.encoding.Base64Url;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A voter's client: the RFC 9474 protocol end to end. The token is made and kept here; ballot-service
 * sees only the blinded message, tally-service only the unblinded credential.
 */
public final class Voter {
    private final Api api;
    private final SecureRandom random = new SecureRandom();

    public Voter(Api api) {
        this.api = api;
    }

    /** What a voter holds after casting: the tracker to find their vote on the public record. */
    public record Cast(String tracker, long issueMillis, long castMillis) {
    }

    /** The ballot as published at opening: its public credential key. */
    public record PublishedBallot(String id, BlindVerificationKey key, List<String> candidates) {
        public static PublishedBallot fetch(Api api, String ballotId) {
            JsonNode b = api.get(null, "/api/ballots/public/ballots/" + ballotId).expect(200).json();
            BlindRsaVariant variant = BlindRsaVariant.fromId(b.get("variant").asText());
            List<String> candidates = new java.util.ArrayList<>();
            b.get("candidates").forEach(c -> candidates.add(c.isObject() ? c.get("name").asText() : c.asText()));
            return new PublishedBallot(ballotId, BlindVerificationKey.fromEncoded(variant, b.get("credentialKey").asText()),
                    candidates);
        }
    }

    /** A credential redeemed and unblinded, held until the cast: nothing in it names the member. */
    public record Held(PublishedBallot ballot, Token token, Credential credential, long issueMillis) {
    }

    /**
     * How long a voter's client holds the credential before casting: a uniformly random wait up to {@code max}.
     * Casting at once would let whoever sees issuance and casts (an operator watching both services, the broker,
     * the database) pair them by time; the hold makes the order of casts independent of the order of issue.
     */
    public record Hold(Duration max) {
        public static final Hold NONE = new Hold(Duration.ZERO);

        public Hold {
            if (max.isNegative()) {
                throw new IllegalArgumentException("a hold cannot be negative");
            }
        }

        public long drawMillis(Random random) {
            return max.isZero() ? 0 : (long) (random.nextDouble() * max.toMillis());
        }
    }

    /** Votes at once: the credential, then the cast with no hold (tests and load benches only). */
    public Cast vote(PublishedBallot ballot, String accessCode, List<String> ranking) {
        return cast(credential(ballot, accessCode), ranking);
    }

    /** Redeems the access code for a blind signature on a fresh random token, and unblinds it. */
    public Held credential(PublishedBallot ballot, String accessCode) {
        Token token = Token.random(random);
        BlindingSession session = ballot.key().blind(CredentialMessage.of(ballot.id(), token), random);
        long start = System.nanoTime();
        JsonNode issued = api.post(null, "/api/ballots/public/ballots/" + ballot.id() + "/credentials",
                Map.of("accessCode", accessCode, "blindedMessage", Base64Url.encode(session.blindedMessage())))
                .expect(200).json();
        long issueMillis = (System.nanoTime() - start) / 1_000_000;
        return new Held(ballot, token, session.finish(Base64Url.decode(issued.get("blindSignature").asText())), issueMillis);
    }

    /** Casts anonymously with a held credential: the tally sees the token, the credential and the vote only. */
    public Cast cast(Held held, List<String> ranking) {
        Map<String, Object> cast = new LinkedHashMap<>();
        cast.put("token", held.token().encoded());
        cast.put("prefix", held.credential().prefix());
        cast.put("signature", held.credential().signature());
        cast.put("vote", ranking);
        long start = System.nanoTime();
        JsonNode accepted = api.post(null, "/api/tally/public/ballots/" + held.ballot().id() + "/casts", cast)
                .expect(202).json();
        return new Cast(accepted.get("tracker").asText(), held.issueMillis(), (System.nanoTime() - start) / 1_000_000);
    }
}
