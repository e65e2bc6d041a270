package org.selectorate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.selectorate.cli.demo.Api;
import org.selectorate.cli.demo.DemoSelection;
import org.selectorate.cli.demo.Mailbox;
import org.selectorate.cli.demo.Voter;
import org.selectorate.counting.ballot.Ballot;
import org.selectorate.counting.ballot.Election;
import org.selectorate.counting.av.AvRules;
import org.selectorate.counting.av.InstantRunoff;
import org.selectorate.counting.report.CountReport;
import org.selectorate.counting.tie.TieBreak;
import org.selectorate.devstack.Stack;
import org.selectorate.integrity.blind.BlindingSession;
import org.selectorate.integrity.blind.Credential;
import org.selectorate.integrity.blind.CredentialMessage;
import org.selectorate.integrity.blind.Token;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.verifier.RecordVerifier;
import org.selectorate.verifier.VerificationReport;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A whole final ballot on the real platform: roll, credentials, casts, public record, count, verify. */
@ExtendWith(RunningPlatform.class)
class FinalBallotIT {
    private static final List<String> CANDIDATES = List.of("Alex Rivera", "Bilal Chaudhry", "Catherine Osei");

    @Test
    void aFinalBallotIsCountedAsCastAndVerifies() {
        Stack stack = RunningPlatform.devstack().stack();
        Api api = new Api(stack.gatewayUrl(), stack.issuer(), stack.clientSecret(Stack.SERVICES_CLIENT));
        Mailbox mailbox = new Mailbox(stack.mailApiUrl());
        DemoSelection demo = new DemoSelection(api, mailbox, api.token("hq", "hq-demo"), System.out::println);
        String area = "E" + UUID.randomUUID().toString().substring(0, 6);

        DemoSelection.Opened opened = demo.open("DEMO", area + "-C", 60, CANDIDATES, 42, List.of());
        assertEquals(60, opened.electorate(), "the generated ineligible members must be left off the roll");
        List<DemoSelection.CastVote> votes = demo.vote(opened, 45, 4, 42, 0, Voter.Hold.NONE).votes();
        assertEquals(45, votes.size());

        // Refusals while open, each leaving the record unchanged.
        Voter.PublishedBallot ballot = Voter.PublishedBallot.fetch(api, opened.ballotId());
        Refusals refusals = new Refusals(api, mailbox, ballot, opened);
        refusals.forgedSignatureIsRefused();
        refusals.reusedTokenIsRefused();
        refusals.unknownCandidateIsRefused();
        refusals.duplicateRankingIsRefused();
        refusals.secondCredentialForTheSameMemberIsRefused();
        int castByRefusals = refusals.accepted();

        JsonNode result = demo.closeAndCount(opened, api.token("scrutineer", "scrutineer-demo"));
        refusals.castAfterCloseIsRefused();

        RecordDocument record = RecordCodec.read(demo.record(opened.ballotId(), "json"));
        assertEquals(votes.size() + castByRefusals, record.entries().size(), "every accepted cast is on the record, nothing else");
        VerificationReport verification = RecordVerifier.verify(record);
        assertTrue(verification.passed(), verification.format());

        List<List<String>> all = new ArrayList<>();
        votes.forEach(v -> all.add(v.ranking()));
        all.addAll(refusals.acceptedRankings());
        CountReport independent = InstantRunoff.count(election(all), new AvRules(
                org.selectorate.counting.rank.RankRules.DEFAULT, TieBreak.backwards(42), false, AvRules.Finish.MAJORITY, null));
        List<String> published = new ArrayList<>();
        result.path("elected").forEach(e -> published.add(e.asText()));
        assertEquals(independent.elected(), published, "the published result must equal an independent count");
        assertTrue(mailbox.count(opened.members().eligible().get(0).email(), "Your access code") >= 1);
    }

    private static Election election(List<List<String>> rankings) {
        List<Ballot> ballots = new ArrayList<>();
        for (List<String> r : rankings) {
            ballots.add(Ballot.ranking(1, r.stream().mapToInt(CANDIDATES::indexOf).toArray()));
        }
        return Election.of("independent", CANDIDATES, 1, new LinkedHashSet<>(), ballots);
    }

    /** Bad casts and issues, tried by a voter who holds one real credential. */
    private static final class Refusals {
        private final Api api;
        private final Mailbox mailbox;
        private final Voter.PublishedBallot ballot;
        private final DemoSelection.Opened opened;
        private final SecureRandom random = new SecureRandom();
        private final List<List<String>> accepted = new ArrayList<>();
        private final Token token = Token.random(random);
        private final String code;
        private Credential credential;

        Refusals(Api api, Mailbox mailbox, Voter.PublishedBallot ballot, DemoSelection.Opened opened) {
            this.api = api;
            this.mailbox = mailbox;
            this.ballot = ballot;
            this.opened = opened;
            // The last eligible member has not voted: DemoSelection used the first 45 of a shuffle of 60,
            // so find one whose code still works by asking for a credential.
            this.code = unusedCode();
        }

        private String unusedCode() {
            for (var member : opened.members().eligible()) {
                String c = mailbox.accessCode(member.email(), opened.ballotId(), Duration.ofSeconds(60));
                BlindingSession session = ballot.key().blind(CredentialMessage.of(ballot.id(), token), random);
                Api.Reply r = api.post(null, "/api/ballots/public/ballots/" + ballot.id() + "/credentials",
                        Map.of("accessCode", c, "blindedMessage", Base64Url.encode(session.blindedMessage())));
                if (r.status() == 200) {
                    credential = session.finish(Base64Url.decode(r.json().get("blindSignature").asText()));
                    return c;
                }
            }
            throw new AssertionError("every member had voted");
        }

        int accepted() {
            return accepted.size();
        }

        List<List<String>> acceptedRankings() {
            return accepted;
        }

        void forgedSignatureIsRefused() {
            Token other = Token.random(random);
            refused(cast(other, credential, List.of(CANDIDATES.get(0))), 403);
        }

        void unknownCandidateIsRefused() {
            refused(cast(token, credential, List.of("Nobody Known")), 400);
        }

        void duplicateRankingIsRefused() {
            refused(cast(token, credential, List.of(CANDIDATES.get(0), CANDIDATES.get(0))), 400);
        }

        void reusedTokenIsRefused() {
            List<String> vote = List.of(CANDIDATES.get(2), CANDIDATES.get(1));
            Api.Reply first = cast(token, credential, vote);
            assertEquals(202, first.status(), first.body());
            accepted.add(vote);
            // The record appends casts in mixed batches, but a token is refused as soon as its cast is held for one; until
            // then a repeat is answered 202 and dropped by the writer as the same token.
            refused(api.until(() -> cast(token, credential, List.of(CANDIDATES.get(0))), java.util.Set.of(202),
                    Duration.ofSeconds(30)), 409);
        }

        void secondCredentialForTheSameMemberIsRefused() {
            BlindingSession session = ballot.key().blind(CredentialMessage.of(ballot.id(), Token.random(random)), random);
            refused(api.post(null, "/api/ballots/public/ballots/" + ballot.id() + "/credentials",
                    Map.of("accessCode", code, "blindedMessage", Base64Url.encode(session.blindedMessage()))), 409);
        }

        void castAfterCloseIsRefused() {
            refused(cast(Token.random(random), credential, List.of(CANDIDATES.get(1))), 409);
        }

        private Api.Reply cast(Token t, Credential c, List<String> vote) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("token", t.encoded());
            body.put("prefix", c.prefix());
            body.put("signature", c.signature());
            body.put("vote", vote);
            return api.post(null, "/api/tally/public/ballots/" + ballot.id() + "/casts", body);
        }

        private static void refused(Api.Reply reply, int status) {
            assertEquals(status, reply.status(), reply.body());
            assertTrue(reply.body().contains("\"detail\""), "a refusal explains itself: " + reply.body());
        }
    }
}
