package org.selectorate.cli.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import org.selectorate.cli.demo.Api;
import org.selectorate.cli.demo.Voter;
import org.selectorate.integrity.blind.BlindingSession;
import org.selectorate.integrity.blind.Credential;
import org.selectorate.integrity.blind.CredentialMessage;
import org.selectorate.integrity.blind.Token;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.integrity.tracker.Tracker;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * A voter's client that keeps trying as a real one would when the platform fails under it: on an error or a
 * timeout it sends the same request again, the same access code with the same blinded message for the credential,
 * the same token, credential and vote for the cast; never a fresh token, which would be a second vote. Once a cast
 * may have landed (an attempt errored), it first looks its tracker up on the public record, and a later
 * {@code credential-used} means an earlier attempt landed.
 */
final class RetryingVoter {
    /** A request's own timeout: a cast waits for the broker's ack, so a stopped broker shows as a slow answer. */
    private static final Duration CALL = Duration.ofSeconds(20);

    private final Api api;
    private final Duration patience;
    private final SecureRandom random = new SecureRandom();

    RetryingVoter(Api api, Duration patience) {
        this.api = api;
        this.patience = patience;
    }

    enum Outcome {
        /** Cast, and the voter knows it: a 202, a tracker found on the record, or "already used" after an error. */
        LANDED,
        /** Marked in the register by an attempt whose answer was lost; every later attempt is "already issued". */
        LOCKED_OUT,
        /** Still failing when the voter's patience ran out. */
        GAVE_UP,
        /** An answer no fault explains (a 4xx other than the above): the platform refused a good request. */
        REFUSED
    }

    /**
     * What one voter did and believes. {@code token} is set once a credential was asked for; {@code credentialRetries}
     * and {@code castRetries} are the attempts after the first; {@code how} says how a landed cast was known.
     */
    record Result(Outcome outcome, String token, String tracker, List<String> ranking, boolean credential,
                  int credentialRetries, int castRetries, String how) {
    }

    Result vote(Voter.PublishedBallot ballot, String accessCode, List<String> ranking) {
        Instant deadline = Instant.now().plus(patience);
        Token token = Token.random(random);
        BlindingSession session = ballot.key().blind(CredentialMessage.of(ballot.id(), token), random);
        Map<String, Object> request = Map.of("accessCode", accessCode,
                "blindedMessage", Base64Url.encode(session.blindedMessage()));
        String tracker = Tracker.forToken(ballot.id(), token).value();
        Credential credential = null;
        int credentialRetries = -1;
        boolean erred = false;
        while (credential == null) {
            credentialRetries++;
            Api.Reply r = attempt(() -> api.post(null, "/api/ballots/public/ballots/" + ballot.id() + "/credentials",
                    request, CALL));
            if (r != null && r.status() == 200) {
                credential = session.finish(Base64Url.decode(r.json().get("blindSignature").asText()));
            } else if (r != null && r.status() == 409 && r.body().contains("credential-already-issued")) {
                return new Result(erred ? Outcome.LOCKED_OUT : Outcome.REFUSED, token.encoded(), tracker, ranking, false,
                        credentialRetries, 0, erred ? "marked by an attempt whose answer was lost" : r.body());
            } else if (r != null && !retryable(r.status())) {
                return new Result(Outcome.REFUSED, token.encoded(), tracker, ranking, false, credentialRetries, 0,
                        "credential: HTTP " + r.status() + " " + r.body());
            } else {
                erred = true;
                if (!pause(credentialRetries, deadline)) {
                    return new Result(Outcome.GAVE_UP, token.encoded(), tracker, ranking, false, credentialRetries, 0,
                            "no credential before the voter's patience ran out");
                }
            }
        }
        Map<String, Object> cast = new LinkedHashMap<>();
        cast.put("token", token.encoded());
        cast.put("prefix", credential.prefix());
        cast.put("signature", credential.signature());
        cast.put("vote", ranking);
        int castRetries = -1;
        erred = false;
        while (true) {
            castRetries++;
            if (erred) {
                Api.Reply found = attempt(() -> api.get(null, "/api/tally/public/ballots/" + ballot.id() + "/entries/" + tracker));
                if (found != null && found.status() == 200) {
                    return landed(token, tracker, ranking, credentialRetries, castRetries, "tracker found on the record");
                }
            }
            Api.Reply r = attempt(() -> api.post(null, "/api/tally/public/ballots/" + ballot.id() + "/casts", cast, CALL));
            if (r != null && r.status() == 202) {
                JsonNode accepted = r.json();
                if (!tracker.equals(accepted.path("tracker").asText())) {
                    return new Result(Outcome.REFUSED, token.encoded(), tracker, ranking, true, credentialRetries,
                            castRetries, "202 with another tracker: " + accepted.path("tracker").asText());
                }
                return landed(token, tracker, ranking, credentialRetries, castRetries, castRetries == 0 ? "202" : "202 on a retry");
            }
            if (r != null && r.status() == 409 && r.body().contains("credential-used")) {
                return erred ? landed(token, tracker, ranking, credentialRetries, castRetries, "already used after an error")
                        : new Result(Outcome.REFUSED, token.encoded(), tracker, ranking, true, credentialRetries, castRetries,
                        "a fresh token refused as used: " + r.body());
            }
            if (r != null && !retryable(r.status())) {
                return new Result(Outcome.REFUSED, token.encoded(), tracker, ranking, true, credentialRetries, castRetries,
                        "cast: HTTP " + r.status() + " " + r.body());
            }
            erred = true;
            if (!pause(castRetries, deadline)) {
                return new Result(Outcome.GAVE_UP, token.encoded(), tracker, ranking, true, credentialRetries, castRetries,
                        "the cast still failed when the voter's patience ran out");
            }
        }
    }

    private static Result landed(Token token, String tracker, List<String> ranking, int credentialRetries, int castRetries,
                                 String how) {
        return new Result(Outcome.LANDED, token.encoded(), tracker, ranking, true, credentialRetries, castRetries, how);
    }

    /** An answer worth trying again: the platform (or a part of it) is down, overloaded or restarting. */
    static boolean retryable(int status) {
        return status >= 500 || status == 408 || status == 429 || status == 404;
    }

    /** The call's answer, or null when it got none (refused connection, reset, timeout). */
    private static Api.Reply attempt(Supplier<Api.Reply> call) {
        try {
            return call.get();
        } catch (IllegalStateException unreachable) {
            if (Thread.currentThread().isInterrupted()) {
                throw unreachable;
            }
            return null;
        }
    }

    /** Waits before the next attempt (exponential, jittered, at most 5 s); false once past the deadline. */
    private static boolean pause(int retries, Instant deadline) {
        if (Instant.now().isAfter(deadline)) {
            return false;
        }
        long ceiling = Math.min(5000, 250L << Math.min(retries, 5));
        Api.sleep(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
        return true;
    }
}
