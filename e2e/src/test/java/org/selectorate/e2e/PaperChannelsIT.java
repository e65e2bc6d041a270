package org.selectorate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.selectorate.cli.demo.Api;
import org.selectorate.cli.demo.DemoSelection;
import org.selectorate.cli.demo.Mailbox;
import org.selectorate.cli.demo.Members;
import org.selectorate.cli.demo.PaperChannels;
import org.selectorate.cli.demo.PaperChannels.Paper;
import org.selectorate.cli.demo.PaperChannels.PostalPack;
import org.selectorate.cli.demo.Voter;
import org.selectorate.counting.av.AvRules;
import org.selectorate.counting.av.InstantRunoff;
import org.selectorate.counting.ballot.Ballot;
import org.selectorate.counting.ballot.Election;
import org.selectorate.counting.rank.RankRules;
import org.selectorate.counting.tie.TieBreak;
import org.selectorate.devstack.Stack;
import org.selectorate.integrity.paper.PaperNumber;
import org.selectorate.integrity.record.Certification;
import org.selectorate.integrity.record.Channel;
import org.selectorate.integrity.record.ChannelAccount;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.verifier.RecordVerifier;
import org.selectorate.verifier.VerificationReport;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A final ballot run in all three channels on the real platform, as issue 14 asks: one vote per member across
 * channels, postal packs and their returns, papers at the ballot meeting, two tellers and a scrutineer's adjudication,
 * the count reconciled per channel, a refused then a given certification before the declaration, and an appeal whose
 * recount is published with the selection. Each bad input is refused with a problem and changes nothing.
 */
@ExtendWith(RunningPlatform.class)
class PaperChannelsIT {
    private static final List<String> CANDIDATES = List.of("Alex Rivera", "Bilal Chaudhry", "Catherine Osei");
    private static final Duration EVENTUAL = Duration.ofSeconds(120);
    private static final int ONLINE = 10;
    private static final int POSTAL = 6;
    private static final int IN_PERSON = 6;
    private static final long SEED = 14;

    private final Stack stack = RunningPlatform.devstack().stack();
    private final Api api = new Api(stack.gatewayUrl(), stack.issuer(), stack.clientSecret(Stack.SERVICES_CLIENT));
    private final Mailbox mailbox = new Mailbox(stack.mailApiUrl());
    private final String hq = api.token("hq", "hq-demo");
    /** An HQ admin who is also a scrutineer: the second teller, and the certifier who may then not declare. */
    private final String officer = api.token("officer", "officer-demo");
    private final String scrutineer = api.token("scrutineer", "scrutineer-demo");
    private final PaperChannels papers = new PaperChannels(api, hq);
    /** Every vote that should be counted, as cast or as the tellers (and scrutineer) settled it. */
    private final List<List<String>> counted = new ArrayList<>();

    @Test
    void allThreeChannelsAreCountedReconciledCertifiedDeclaredAndRecountedOnAppeal() {
        DemoSelection demo = new DemoSelection(api, mailbox, hq, System.out::println);
        String constituency = "P" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(java.util.Locale.ROOT);
        int electorate = ONLINE + POSTAL + IN_PERSON + 8;
        DemoSelection.Prepared prepared = demo.prepare("DEMO", constituency, electorate, CANDIDATES, SEED, List.of(),
                Map.of("channels", Map.of("postal", true, "inPerson", true, "postalMarks", "on-issue")));
        // The demo candidate user is Alex Rivera's own account, so may appeal.
        api.put(hq, "/api/ballots/selections/" + prepared.selectionId() + "/candidates/Alex%20Rivera/accounts",
                Map.of("account", "candidate")).expect(200, 204);
        DemoSelection.Opened opened = demo.openBallot("DEMO", constituency, prepared, CANDIDATES);
        String ballotId = opened.ballotId();
        List<Members.Member> members = opened.members().eligible();
        List<Members.Member> online = members.subList(0, ONLINE);
        List<Members.Member> postal = members.subList(ONLINE, ONLINE + POSTAL);
        List<Members.Member> inPerson = members.subList(ONLINE + POSTAL, ONLINE + POSTAL + IN_PERSON);

        Voter voter = new Voter(api);
        Voter.PublishedBallot ballot = Voter.PublishedBallot.fetch(api, ballotId);
        for (int i = 0; i < online.size(); i++) {
            List<String> ranking = ranking(i);
            voter.vote(ballot, code(online.get(i), ballotId), ranking);
            counted.add(ranking);
        }

        // A member who voted online is refused a postal pack: the whole request, naming the channel.
        JsonNode turnout = turnout(ballotId);
        List<String> withOnlineVoter = List.of(postal.get(0).number(), online.get(0).number());
        refused(papers.requestPostalPacks(ballotId, withOnlineVoter), 409, "voted-online");
        assertEquals(0, papers.packs(ballotId).size(), "a refused request issues no pack at all");

        List<PostalPack> packs = papers.issuePostalPacks(ballotId, postal.stream().map(Members.Member::number).toList());
        assertEquals(POSTAL, packs.size());
        assertEquals(POSTAL, new LinkedHashSet<>(packs.stream().map(PostalPack::paperNumber).toList()).size());
        packs.forEach(p -> PaperNumber.read(p.paperNumber()));

        // A member with a postal pack is refused a credential with the code mailed at opening, naming the channel.
        Members.Member postalVoter = postal.stream().filter(m -> m.number().equals(packs.get(0).membershipNumber()))
                .findFirst().orElseThrow();
        refused(api.post(null, "/api/ballots/public/ballots/" + ballotId + "/credentials", Map.of(
                "accessCode", code(postalVoter, ballotId), "blindedMessage", blinded(ballot))), 409, "voted-postal");
        JsonNode after = turnout(ballotId);
        assertEquals(turnout.path("issued").path("online").asLong(), after.path("issued").path("online").asLong(),
                "the refused credential is not issued");
        assertEquals(POSTAL, after.path("issued").path("postal").asLong());

        // Returns: five with a signed declaration, one without (rejected, with its reason).
        for (int i = 0; i < POSTAL - 1; i++) {
            JsonNode outcome = papers.recordReturn(ballotId, packs.get(i), true).expect(200).json();
            assertEquals("accepted", outcome.path("outcome").asText(), outcome.toString());
        }
        PostalPack unsigned = packs.get(POSTAL - 1);
        JsonNode rejected = papers.recordReturn(ballotId, unsigned, false).expect(200).json();
        assertEquals("rejected", rejected.path("outcome").asText(), rejected.toString());
        assertEquals("declaration-unsigned", rejected.path("reason").asText(), rejected.toString());

        // The ballot meeting: papers printed in bulk, handed to the members who attend.
        String meetingId = papers.startMeeting(opened.selectionId());
        List<String> meetingPapers = papers.printMeetingPapers(ballotId, IN_PERSON);
        assertEquals(IN_PERSON, meetingPapers.size());
        for (Members.Member m : inPerson) {
            papers.attend(opened.selectionId(), meetingId, m.number());
            papers.issueInPerson(ballotId, meetingId, m.number()).expect(200, 201);
        }
        papers.attend(opened.selectionId(), meetingId, online.get(1).number());
        refused(papers.issueInPerson(ballotId, meetingId, online.get(1).number()), 409, "voted-online");
        assertEquals(IN_PERSON, turnout(ballotId).path("issued").path("in-person").asLong());

        demo.close(opened, scrutineer);
        papers.awaitClosed(hq, ballotId);

        // Postal batch: the accepted returns' papers, one of them spoilt; both tellers agree.
        List<Paper> postalTray = new ArrayList<>();
        for (int i = 0; i < POSTAL - 1; i++) {
            postalTray.add(i == 2 ? Paper.spoilt(packs.get(i).paperNumber(), "unmarked") : vote(packs.get(i).paperNumber(), 20 + i));
        }
        String postalBatch = papers.key(hq, ballotId, PaperChannels.POSTAL, postalTray).expect(201).json().path("batch").asText();
        // Bad input: the same teller keying the second entry.
        refused(papers.keyAgain(hq, ballotId, postalBatch, PaperChannels.POSTAL, postalTray), 409, "same-teller");
        assertEquals("keyed-once", batch(ballotId, postalBatch).path("status").asText(), "the refused entry changed nothing");
        assertEquals("agreed", papers.keyAgain(officer, ballotId, postalBatch, PaperChannels.POSTAL, postalTray)
                .expect(200).json().path("status").asText());
        settled(postalTray);

        // Bad input: a paper number nobody issued, and the rejected return's cancelled paper.
        int batches = papers.batches(hq, ballotId).size();
        String unknown = PaperNumber.random(new SecureRandom()).grouped();
        refused(papers.key(hq, ballotId, PaperChannels.POSTAL, List.of(vote(unknown, 0))), 400, "unknown-paper");
        refused(papers.key(hq, ballotId, PaperChannels.POSTAL, List.of(vote(unsigned.paperNumber(), 0))), 409,
                "paper-cancelled");
        assertEquals(batches, papers.batches(hq, ballotId).size(), "a refused keying makes no batch");

        // In-person: one batch agreed, one where the tellers read a paper differently, adjudicated by the scrutineer.
        List<Paper> firstTray = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            firstTray.add(vote(meetingPapers.get(i), 30 + i));
        }
        String agreed = papers.key(hq, ballotId, PaperChannels.IN_PERSON, firstTray).expect(201).json().path("batch").asText();
        assertEquals("agreed", papers.keyAgain(officer, ballotId, agreed, PaperChannels.IN_PERSON, firstTray)
                .expect(200).json().path("status").asText());
        settled(firstTray);
        List<Paper> secondTray = List.of(vote(meetingPapers.get(3), 40), vote(meetingPapers.get(4), 41),
                vote(meetingPapers.get(5), 42));
        List<Paper> misread = List.of(secondTray.get(0), Paper.vote(meetingPapers.get(4), List.of(CANDIDATES.get(2))),
                secondTray.get(2));
        String disputed = papers.key(hq, ballotId, PaperChannels.IN_PERSON, secondTray).expect(201).json().path("batch").asText();
        assertEquals("disputed", papers.keyAgain(officer, ballotId, disputed, PaperChannels.IN_PERSON, misread)
                .expect(200).json().path("status").asText());
        assertEquals("disputed", batch(ballotId, disputed).path("status").asText(), "the disagreement is listed");
        refused(papers.requestCount(hq, ballotId), 409, "papers-pending");
        JsonNode differences = papers.differences(scrutineer, ballotId, disputed).path("differences");
        assertEquals(1, differences.size(), differences.toString());
        assertEquals(PaperNumber.read(meetingPapers.get(4)),
                PaperNumber.read(differences.get(0).path("first").path("paper").asText()), differences.toString());
        assertEquals("agreed", papers.adjudicate(scrutineer, ballotId, disputed, secondTray).expect(200).json()
                .path("status").asText());
        settled(secondTray);

        papers.requestCount(hq, ballotId).expect(202);
        JsonNode result = demo.result(ballotId);

        // The result: every channel counted, each channel's account reconciled.
        assertTrue(result.path("reconciled").asBoolean(), result.toString());
        JsonNode account = result.path("paperAccount");
        assertAccount(account.path("online"), ONLINE, ONLINE, 0, 0, ONLINE);
        assertAccount(account.path("postal"), POSTAL, POSTAL, 1, 1, POSTAL - 2);
        assertEquals(1, account.path("postal").path("rejected").path("declaration-unsigned").asLong(), account.toString());
        assertEquals(1, account.path("postal").path("spoilt").path("unmarked").asLong(), account.toString());
        assertAccount(account.path("in-person"), IN_PERSON, IN_PERSON, 0, 0, IN_PERSON);
        List<String> elected = texts(result.path("elected"));
        assertEquals(independentCount(), elected, "the published result is an independent count of every channel");

        RecordDocument record = RecordCodec.read(demo.record(ballotId, "json"));
        VerificationReport verification = RecordVerifier.verify(record);
        assertTrue(verification.passed(), verification.format());
        assertEquals(counted.size(), record.entries().size());
        ChannelAccount postalAccount = record.paperAccount().get(Channel.POSTAL);
        assertNotNull(postalAccount, "the record carries its paper account");
        assertEquals(POSTAL - 2, postalAccount.counted());
        assertEquals(IN_PERSON, record.paperAccount().get(Channel.IN_PERSON).counted());

        // Certification: a non-scrutineer cannot; a refusal blocks the declaration; a certification allows it, but not
        // by whoever certified.
        KeyPair scrutineerKey = PaperChannels.scrutineerKey();
        papers.registerKey(scrutineer, scrutineerKey);
        assertEquals(403, papers.decide(hq, scrutineerKey, ballotId, Certification.CERTIFIED, List.of()).status());
        papers.decide(scrutineer, scrutineerKey, ballotId, Certification.REFUSED,
                List.of("the meeting's ballot box seal was not recorded")).expect(201);
        refused(papers.declare(hq, ballotId), 409, "certification-refused");
        KeyPair officerKey = PaperChannels.scrutineerKey();
        papers.registerKey(officer, officerKey);
        papers.decide(officer, officerKey, ballotId, Certification.CERTIFIED, List.of()).expect(201);
        refused(papers.declare(officer, ballotId), 409, "declarer-certified");
        JsonNode declaration = papers.declare(hq, ballotId).expect(201).json();
        assertEquals(elected, texts(declaration.path("elected")));
        JsonNode certifications = api.get(null, "/api/tally/public/ballots/" + ballotId + "/certifications").expect(200).json();
        assertEquals("certified", certifications.path("standing").asText());
        assertEquals(2, certifications.path("decisions").size(), "the refusal stays published");

        RecordDocument certified = RecordCodec.read(demo.record(ballotId, "json"));
        assertNotNull(certified.certification(), "the exported record carries the standing certification");
        assertTrue(certified.certification().verify(ballotId));
        VerificationReport checked = RecordVerifier.verify(certified);
        assertTrue(checked.passed(), checked.format());

        // An appeal by a candidate, upheld by HQ with a recount: the same result, published with the selection.
        String selection = opened.selectionId();
        String candidate = api.token("candidate", "candidate-demo");
        JsonNode lodged = api.until(() -> api.post(candidate, "/api/ballots/selections/" + selection + "/appeals",
                Map.of("grounds", "the in-person batch was decided by the scrutineer")), Set.of(409), EVENTUAL)
                .expect(201).json();
        String appealId = lodged.path("appeal").path("id").asText();
        api.post(hq, "/api/ballots/appeals/" + appealId + "/decision", Map.of("outcome", "upheld", "remedy", "recount",
                "reasons", "a recount from the record settles it")).expect(200, 201);
        JsonNode published = awaitRecount(selection);
        assertEquals("upheld", published.path("status").asText(), published.toString());
        assertTrue(published.path("recount").path("sameResult").asBoolean(), published.toString());
        assertEquals(elected, texts(published.path("recount").path("elected")));
        JsonNode recounts = api.get(null, "/api/tally/public/ballots/" + ballotId + "/recounts").expect(200).json();
        assertEquals(1, recounts.path("recounts").size(), recounts.toString());
        assertTrue(recounts.path("recounts").get(0).path("sameResult").asBoolean(), recounts.toString());
    }

    /** A ranking drawn from a fixed list, so the test knows every vote it expects counted. */
    private static List<String> ranking(int i) {
        List<List<String>> rankings = List.of(
                List.of(CANDIDATES.get(0), CANDIDATES.get(1)),
                List.of(CANDIDATES.get(1), CANDIDATES.get(2), CANDIDATES.get(0)),
                List.of(CANDIDATES.get(2)),
                List.of(CANDIDATES.get(0), CANDIDATES.get(2)),
                List.of(CANDIDATES.get(1)));
        return rankings.get(i % rankings.size());
    }

    private static Paper vote(String paper, int i) {
        return Paper.vote(paper, ranking(i));
    }

    /** A batch as finally agreed: its votes join the ones the independent count expects. */
    private void settled(List<Paper> tray) {
        tray.stream().filter(p -> p.spoilt() == null).forEach(p -> counted.add(p.vote()));
    }

    private List<String> independentCount() {
        List<Ballot> ballots = new ArrayList<>();
        for (List<String> r : counted) {
            ballots.add(Ballot.ranking(1, r.stream().mapToInt(CANDIDATES::indexOf).toArray()));
        }
        Election election = Election.of("independent", CANDIDATES, 1, new LinkedHashSet<>(), ballots);
        return InstantRunoff.count(election, new AvRules(RankRules.DEFAULT, TieBreak.backwards(SEED), false,
                AvRules.Finish.MAJORITY, null)).elected();
    }

    private String code(Members.Member member, String ballotId) {
        return mailbox.accessCode(member.email(), ballotId, EVENTUAL);
    }

    private static String blinded(Voter.PublishedBallot ballot) {
        SecureRandom random = new SecureRandom();
        var session = ballot.key().blind(org.selectorate.integrity.blind.CredentialMessage.of(ballot.id(),
                org.selectorate.integrity.blind.Token.random(random)), random);
        return org.selectorate.integrity.encoding.Base64Url.encode(session.blindedMessage());
    }

    private JsonNode turnout(String ballotId) {
        return api.get(hq, "/api/ballots/ballots/" + ballotId + "/turnout").expect(200).json();
    }

    private JsonNode batch(String ballotId, String batch) {
        for (JsonNode b : papers.batches(hq, ballotId)) {
            if (batch.equals(b.path("batch").asText())) {
                return b;
            }
        }
        throw new AssertionError("batch " + batch + " is not listed");
    }

    private JsonNode awaitRecount(String selection) {
        Instant deadline = Instant.now().plus(EVENTUAL);
        while (true) {
            JsonNode appeals = api.get(null, "/api/ballots/public/selections/" + selection + "/appeals").expect(200).json()
                    .path("appeals");
            assertEquals(1, appeals.size(), appeals.toString());
            JsonNode appeal = appeals.get(0);
            if ("completed".equals(appeal.path("recount").path("status").asText()) || Instant.now().isAfter(deadline)) {
                assertEquals("completed", appeal.path("recount").path("status").asText(), appeal.toString());
                return appeal;
            }
            Api.sleep(500);
        }
    }

    private static void assertAccount(JsonNode account, long issued, long returned, long rejected, long spoilt, long counted) {
        assertEquals(issued, account.path("issued").asLong(), account.toString());
        assertEquals(returned, account.path("returned").asLong(), account.toString());
        assertEquals(rejected, sum(account.path("rejected")), account.toString());
        assertEquals(spoilt, sum(account.path("spoilt")), account.toString());
        assertEquals(counted, account.path("counted").asLong(), account.toString());
    }

    private static long sum(JsonNode byReason) {
        long n = 0;
        for (JsonNode v : byReason) {
            n += v.asLong();
        }
        return n;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    private static void refused(Api.Document reply, int status, String type) {
        refused(new Api.Reply(reply.status(), new String(reply.bytes(), java.nio.charset.StandardCharsets.UTF_8)),
                status, type);
    }

    /** A refusal is a problem naming its type and explaining itself. */
    private static void refused(Api.Reply reply, int status, String type) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.body().contains(type), "the problem names " + type + ": " + reply.body());
        assertTrue(reply.body().contains("\"detail\""), "a refusal explains itself: " + reply.body());
        assertFalse(reply.body().isBlank());
    }
}
