package org.selectorate.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.selectorate.cli.demo.PaperChannels.Paper;
import org.selectorate.cli.demo.PaperChannels.PostalPack;
import org.selectorate.integrity.blind.CredentialMessage;
import org.selectorate.integrity.blind.Token;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.integrity.record.Certification;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The demo's final ballot beyond the online vote: postal packs issued and returned (one declaration unsigned), a
 * ballot meeting where attending members take a paper, a member who tries a second channel and is refused, two tellers
 * keying every batch (one spoilt paper, one batch they read differently and the scrutineer decides), the count of all
 * channels with its ballot paper account, then the scrutineer's certification and the declaration.
 */
public final class PaperScenario {
    /** Papers per teller's batch: a tray's worth. */
    private static final int BATCH = 50;
    private static final Duration MAIL = Duration.ofMinutes(15);

    private final Api api;
    private final Mailbox mailbox;
    private final PaperChannels papers;
    private final String admin;
    private final String teller;
    private final String scrutineer;
    private final Consumer<String> progress;
    private final Preferences preferences;
    private final List<List<String>> counted = new ArrayList<>();
    private int refusals;

    /**
     * {@code admin} issues the papers, keys each batch first and declares; {@code teller} keys each batch again;
     * {@code scrutineer} decides the disputed batch and certifies.
     */
    public PaperScenario(Api api, Mailbox mailbox, String admin, String teller, String scrutineer,
                         List<String> candidates, long seed, Consumer<String> progress) {
        this.api = api;
        this.mailbox = mailbox;
        this.papers = new PaperChannels(api, admin);
        this.admin = admin;
        this.teller = teller;
        this.scrutineer = scrutineer;
        this.progress = progress;
        this.preferences = new Preferences(candidates, seed ^ 0x9a9e75L);
    }

    /** The rulebook's channels for a ballot with these paper voters. */
    public static Map<String, Object> rulebook(int postal, int inPerson) {
        if (postal == 0 && inPerson == 0) {
            return Map.of();
        }
        return Map.of("channels", postal > 0
                ? Map.of("postal", true, "inPerson", inPerson > 0, "postalMarks", "on-issue")
                : Map.of("postal", false, "inPerson", true));
    }

    /** Postal packs for {@code members}, in requests of up to 1,000 (the PDF is printed per request). */
    public List<PostalPack> issuePostal(DemoSelection.Opened opened, List<Members.Member> members) {
        List<PostalPack> packs = new ArrayList<>();
        for (int from = 0; from < members.size(); from += 1000) {
            List<String> numbers = members.subList(from, Math.min(members.size(), from + 1000)).stream()
                    .map(Members.Member::number).toList();
            packs.addAll(papers.issuePostalPacks(opened.ballotId(), numbers));
        }
        if (!packs.isEmpty()) {
            progress.accept("issued " + packs.size() + " postal packs (PDF: ballot paper, declaration, return "
                    + "instructions); each member marked postal in the register");
        }
        return packs;
    }

    /**
     * A member with a postal pack asks for a credential with the code mailed at opening, and a member who voted online
     * asks for a postal pack: each must be refused, naming the channel already used. Returns how many were refused so.
     */
    public int secondChannels(DemoSelection.Opened opened, List<Members.Member> postal, List<Members.Member> online) {
        if (!postal.isEmpty()) {
            Voter.PublishedBallot ballot = Voter.PublishedBallot.fetch(api, opened.ballotId());
            SecureRandom random = new SecureRandom();
            String blinded = Base64Url.encode(ballot.key().blind(CredentialMessage.of(ballot.id(), Token.random(random)),
                    random).blindedMessage());
            Members.Member member = postal.get(0);
            String code = mailbox.accessCode(member.email(), opened.ballotId(), MAIL);
            refused("member " + member.number() + " (postal pack) asks for an online credential",
                    api.post(null, "/api/ballots/public/ballots/" + opened.ballotId() + "/credentials",
                            Map.of("accessCode", code, "blindedMessage", blinded)), "voted-postal");
        }
        if (!online.isEmpty() && !postal.isEmpty()) {
            Api.Document d = papers.requestPostalPacks(opened.ballotId(), List.of(online.get(0).number()));
            refused("member " + online.get(0).number() + " (voted online) asks for a postal pack",
                    new Api.Reply(d.status(), new String(d.bytes(), java.nio.charset.StandardCharsets.UTF_8)),
                    "voted-online");
        }
        return refusals;
    }

    private void refused(String what, Api.Reply reply, String type) {
        boolean ok = reply.status() == 409 && reply.body().contains(type);
        if (ok) {
            refusals++;
        }
        String detail = ok ? reply.json().path("detail").asText() : "HTTP " + reply.status() + " " + reply.body();
        progress.accept(what + ": " + (ok ? "refused, " + detail : "NOT REFUSED: " + detail));
    }

    /** The packs come back: every declaration signed but the last one's. Returns the accepted packs. */
    public List<PostalPack> returns(DemoSelection.Opened opened, List<PostalPack> packs) {
        List<PostalPack> accepted = new ArrayList<>();
        String rejected = null;
        for (int i = 0; i < packs.size(); i++) {
            boolean signed = i < packs.size() - 1 || packs.size() == 1;
            JsonNode outcome = papers.recordReturn(opened.ballotId(), packs.get(i), signed).expect(200).json();
            if ("accepted".equals(outcome.path("outcome").asText())) {
                accepted.add(packs.get(i));
            } else {
                rejected = outcome.path("reason").asText();
            }
        }
        if (!packs.isEmpty()) {
            progress.accept("recorded " + packs.size() + " postal returns: " + accepted.size() + " accepted"
                    + (rejected == null ? "" : ", 1 rejected (" + rejected + ")"));
        }
        return accepted;
    }

    /** The ballot meeting: papers printed in bulk, each attending member marked in person and handed one. */
    public List<String> meeting(DemoSelection.Opened opened, List<Members.Member> members) {
        if (members.isEmpty()) {
            return List.of();
        }
        String meetingId = papers.startMeeting(opened.selectionId());
        List<String> pile = papers.printMeetingPapers(opened.ballotId(), members.size());
        for (Members.Member m : members) {
            papers.attend(opened.selectionId(), meetingId, m.number());
            papers.issueInPerson(opened.ballotId(), meetingId, m.number()).expect(200);
        }
        progress.accept("ballot meeting: " + pile.size() + " papers printed, " + members.size()
                + " attending members marked in person and handed one");
        return pile;
    }

    /**
     * Once the ballot is closed: the tellers key every paper in batches (the first paper spoilt, the last batch read
     * differently by the second teller and decided by the scrutineer), then ask for the count. Returns the result.
     */
    public JsonNode count(DemoSelection.Opened opened, DemoSelection demo, List<PostalPack> postal, List<String> inPerson) {
        String ballotId = opened.ballotId();
        papers.awaitClosed(admin, ballotId);
        List<List<Paper>> trays = new ArrayList<>();
        List<String> channels = new ArrayList<>();
        tray(postal.stream().map(PostalPack::paperNumber).toList(), PaperChannels.POSTAL, trays, channels);
        tray(inPerson, PaperChannels.IN_PERSON, trays, channels);
        for (int b = 0; b < trays.size(); b++) {
            List<Paper> tray = trays.get(b);
            String channel = channels.get(b);
            boolean last = b == trays.size() - 1;
            String batch = papers.key(admin, ballotId, channel, tray).expect(201).json().path("batch").asText();
            List<Paper> second = last ? misread(tray, opened.candidates()) : tray;
            String status = papers.keyAgain(teller, ballotId, batch, channel, second).expect(200).json()
                    .path("status").asText();
            if ("disputed".equals(status)) {
                JsonNode differences = papers.differences(scrutineer, ballotId, batch).path("differences");
                progress.accept("batch " + batch + " (" + channel + ", " + tray.size() + " papers): the tellers differ on "
                        + differences.size() + " item(s); listed for the scrutineer");
                status = papers.adjudicate(scrutineer, ballotId, batch, tray).expect(200).json().path("status").asText();
                progress.accept("batch " + batch + ": the scrutineer decided it from the papers: " + status);
            }
            tray.stream().filter(p -> p.spoilt() == null).forEach(p -> counted.add(p.vote()));
        }
        progress.accept("tellers keyed " + trays.size() + " batches, each twice");
        papers.requestCount(admin, ballotId).expect(202);
        return demo.result(ballotId);
    }

    private void tray(List<String> numbers, String channel, List<List<Paper>> trays, List<String> channels) {
        for (int from = 0; from < numbers.size(); from += BATCH) {
            List<Paper> tray = new ArrayList<>();
            for (String number : numbers.subList(from, Math.min(numbers.size(), from + BATCH))) {
                tray.add(trays.isEmpty() && tray.isEmpty() ? Paper.spoilt(number, "unmarked")
                        : Paper.vote(number, preferences.next()));
            }
            trays.add(tray);
            channels.add(channel);
        }
    }

    /** The second teller's reading of a tray: its first counted paper's first preference read as another candidate. */
    private static List<Paper> misread(List<Paper> tray, List<String> candidates) {
        List<Paper> second = new ArrayList<>(tray);
        for (int i = 0; i < second.size(); i++) {
            Paper p = second.get(i);
            if (p.spoilt() == null) {
                String other = candidates.stream().filter(c -> !c.equals(p.vote().get(0))).findFirst().orElseThrow();
                second.set(i, Paper.vote(p.number(), List.of(other)));
                return second;
            }
        }
        return second;
    }

    /** The votes the tellers' agreed batches add to the record. */
    public List<List<String>> counted() {
        return counted;
    }

    /** The sign-off: the scrutineer makes a key, registers it and certifies; then the admin declares. */
    public JsonNode certifyAndDeclare(String ballotId) {
        KeyPair key = PaperChannels.scrutineerKey();
        papers.registerKey(scrutineer, key);
        JsonNode decision = papers.decide(scrutineer, key, ballotId, Certification.CERTIFIED, List.of()).expect(201).json();
        progress.accept("scrutineer " + decision.path("scrutineer").asText() + " certified the result, signing tree head "
                + decision.path("treeSize").asLong() + " with their registered Ed25519 key");
        JsonNode declaration = papers.declare(admin, ballotId).expect(201).json();
        progress.accept("declared by " + declaration.path("declaredBy").asText() + ": " + declaration.path("elected"));
        return declaration;
    }
}
