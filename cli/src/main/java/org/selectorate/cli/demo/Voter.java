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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    public Cast vote(PublishedBallot ballot, String accessCode, List<String> ranking) {
        Token token = Token.random(random);
        BlindingSession session = ballot.key().blind(CredentialMessage.of(ballot.id(), token), random);
        long start = System.nanoTime();
        JsonNode issued = api.post(null, "/api/ballots/public/ballots/" + ballot.id() + "/credentials",
                Map.of("accessCode", accessCode, "blindedMessage", Base64Url.encode(session.blindedMessage())))
                .expect(200).json();
        long issuedAt = System.nanoTime();
        Credential credential = session.finish(Base64Url.decode(issued.get("blindSignature").asText()));
        Map<String, Object> cast = new LinkedHashMap<>();
        cast.put("token", token.encoded());
        cast.put("prefix", credential.prefix());
        cast.put("signature", credential.signature());
        cast.put("vote", ranking);
        JsonNode accepted = api.post(null, "/api/tally/public/ballots/" + ballot.id() + "/casts", cast).expect(202).json();
        long castAt = System.nanoTime();
        return new Cast(accepted.get("tracker").asText(), (issuedAt - start) / 1_000_000, (castAt - issuedAt) / 1_000_000);
    }
}
