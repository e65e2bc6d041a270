package org.selectorate.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.integrity.encoding.Ed25519Keys;
import org.selectorate.integrity.record.Certification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A final ballot's paper channels and its sign-off, worked through the API as the people who run them would: an
 * officer issues postal packs (a PDF) and records their returns, prints papers for the ballot meeting and hands them to
 * attending members; two tellers key each batch of papers and a scrutineer decides a batch they disagree on; a teller
 * asks for the count; a scrutineer certifies or refuses the result with their own Ed25519 key; an admin declares it.
 */
public final class PaperChannels {
    public static final String POSTAL = "postal";
    public static final String IN_PERSON = "in-person";
    private static final Duration EVENTUAL = Duration.ofSeconds(120);
    private static final Pattern PAPER = Pattern.compile("Paper number: (\\S+)");
    private static final Pattern DECLARATION = Pattern.compile("Declaration number: (\\S+)");

    private final Api api;
    private final String officer;

    /** {@code officerToken}: the admin (or procedures secretary) who issues papers and records returns. */
    public PaperChannels(Api api, String officerToken) {
        this.api = api;
        this.officer = officerToken;
    }

    /** One member's postal pack as printed: the declaration names the member, the paper does not. */
    public record PostalPack(String membershipNumber, String declarationNumber, String paperNumber) {
    }

    /** One paper as a teller reads it from the tray: its number and a ranking, or why it is spoilt. */
    public record Paper(String number, List<String> vote, String spoilt) {
        public static Paper vote(String number, List<String> ranking) {
            return new Paper(number, ranking, null);
        }

        public static Paper spoilt(String number, String reason) {
            return new Paper(number, null, reason);
        }

        Map<String, Object> body() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("paper", number);
            if (spoilt == null) {
                m.put("vote", vote);
            } else {
                m.put("spoilt", spoilt);
            }
            return m;
        }
    }

    private static String ballot(String ballotId) {
        return "/api/ballots/ballots/" + ballotId;
    }

    private static String tally(String ballotId) {
        return "/api/tally/ballots/" + ballotId;
    }

    /** Asks for postal packs; the answer is the PDF to post, or the refusal. */
    public Api.Document requestPostalPacks(String ballotId, List<String> membershipNumbers) {
        return api.postForDocument(officer, ballot(ballotId) + "/postal-packs", Map.of("membershipNumbers", membershipNumbers));
    }

    /**
     * Issues postal packs to {@code membershipNumbers} and reads each pack's paper and declaration numbers off the
     * printed PDF (a paper page, then its declaration page), matched to members by the officers' list of packs.
     */
    public List<PostalPack> issuePostalPacks(String ballotId, List<String> membershipNumbers) {
        List<String[]> printed = new ArrayList<>();
        String paper = null;
        for (String page : pages(requestPostalPacks(ballotId, membershipNumbers).expect(200))) {
            Matcher p = PAPER.matcher(page);
            Matcher d = DECLARATION.matcher(page);
            if (p.find()) {
                paper = p.group(1);
            } else if (d.find()) {
                printed.add(new String[] {d.group(1), paper});
                paper = null;
            }
        }
        Map<String, String> members = new HashMap<>();
        packs(ballotId).forEach(pack -> members.put(pack.path("declarationNumber").asText(),
                pack.path("membershipNumber").asText()));
        List<PostalPack> packs = new ArrayList<>();
        for (String[] p : printed) {
            packs.add(new PostalPack(members.get(p[0]), p[0], p[1]));
        }
        if (packs.size() != membershipNumbers.size() || packs.stream().anyMatch(p -> p.membershipNumber() == null
                || p.paperNumber() == null)) {
            throw new IllegalStateException("the PDF holds " + packs.size() + " complete packs for "
                    + membershipNumbers.size() + " members");
        }
        return packs;
    }

    /** The officers' list of packs: member, declaration number, status; never a paper. */
    public JsonNode packs(String ballotId) {
        return api.get(officer, ballot(ballotId) + "/postal-packs").expect(200).json();
    }

    /** Records a returned pack: the declaration (signed or not) and the number on its unopened paper. */
    public Api.Reply recordReturn(String ballotId, PostalPack pack, boolean declarationSigned) {
        return api.post(officer, ballot(ballotId) + "/postal-returns", Map.of("declarationNumber",
                pack.declarationNumber(), "declarationSigned", declarationSigned, "paperNumber", pack.paperNumber()));
    }

    /** Schedules the selection's ballot meeting and starts it (once the committee was told of it). */
    public String startMeeting(String selectionId) {
        Instant starts = Instant.now().plus(Duration.ofMinutes(10));
        String path = "/api/ballots/selections/" + selectionId + "/meetings";
        String id = api.post(officer, path, Map.of("title", "Ballot meeting", "startsAt", starts.toString(),
                "endsAt", starts.plus(Duration.ofHours(3)).toString(), "location", "Town Hall"))
                .expect(201).json().path("id").asText();
        api.until(() -> api.post(officer, path + "/" + id + "/start", Map.of()), Set.of(409), EVENTUAL).expect(200);
        return id;
    }

    /** Registers a member as attending the started meeting, once the roll has reached ballot-service. */
    public void attend(String selectionId, String meetingId, String membershipNumber) {
        String path = "/api/ballots/selections/" + selectionId + "/meetings/" + meetingId + "/attendance";
        Instant deadline = Instant.now().plus(EVENTUAL);
        Api.Reply r = api.post(officer, path, Map.of("membershipNumber", membershipNumber));
        while (r.status() == 409 && r.body().contains("electorate-incomplete") && Instant.now().isBefore(deadline)) {
            Api.sleep(250);
            r = api.post(officer, path, Map.of("membershipNumber", membershipNumber));
        }
        r.expect(200, 201);
    }

    /** Prints {@code count} numbered papers for the meeting and reads their numbers off the PDF. */
    public List<String> printMeetingPapers(String ballotId, int count) {
        List<String> numbers = new ArrayList<>();
        for (String page : pages(api.postForDocument(officer, ballot(ballotId) + "/meeting-papers",
                Map.of("count", count)).expect(200))) {
            Matcher m = PAPER.matcher(page);
            if (m.find()) {
                numbers.add(m.group(1));
            }
        }
        return numbers;
    }

    /** Marks an attending member as voting in person: they take a paper from the pile. */
    public Api.Reply issueInPerson(String ballotId, String meetingId, String membershipNumber) {
        return api.post(officer, ballot(ballotId) + "/in-person-issues",
                Map.of("meetingId", meetingId, "membershipNumber", membershipNumber));
    }

    /** Waits until tally-service has the ballot's close, and with it every paper issued before it. */
    public void awaitClosed(String token, String ballotId) {
        Instant deadline = Instant.now().plus(EVENTUAL);
        while ("open".equals(api.get(token, tally(ballotId) + "/progress").expect(200).json().path("status").asText())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("tally-service has not seen ballot " + ballotId + " close");
            }
            Api.sleep(250);
        }
    }

    /** A teller keys a new batch (its first entry). */
    public Api.Reply key(String tellerToken, String ballotId, String channel, List<Paper> papers) {
        return api.post(tellerToken, tally(ballotId) + "/paper-batches", batch(channel, papers));
    }

    /** Another teller keys the same batch again, independently (its second entry). */
    public Api.Reply keyAgain(String tellerToken, String ballotId, String batch, String channel, List<Paper> papers) {
        return api.post(tellerToken, tally(ballotId) + "/paper-batches/" + batch + "/entries", batch(channel, papers));
    }

    /** The batches as tellers and scrutineers see them: status and size, no paper or vote. */
    public JsonNode batches(String token, String ballotId) {
        return api.get(token, tally(ballotId) + "/paper-batches").expect(200).json();
    }

    /** A disputed batch's differing items, for the scrutineer. */
    public JsonNode differences(String scrutineerToken, String ballotId, String batch) {
        return api.get(scrutineerToken, tally(ballotId) + "/paper-batches/" + batch + "/differences").expect(200).json();
    }

    /** The scrutineer decides a disputed batch's papers. */
    public Api.Reply adjudicate(String scrutineerToken, String ballotId, String batch, List<Paper> papers) {
        return api.post(scrutineerToken, tally(ballotId) + "/paper-batches/" + batch + "/adjudication",
                Map.of("papers", papers.stream().map(Paper::body).toList()));
    }

    /** A teller asks for the count once every batch is agreed. */
    public Api.Reply requestCount(String tellerToken, String ballotId) {
        return api.post(tellerToken, tally(ballotId) + "/count", Map.of());
    }

    private static Map<String, Object> batch(String channel, List<Paper> papers) {
        return Map.of("channel", channel, "papers", papers.stream().map(Paper::body).toList());
    }

    /** A new Ed25519 key pair, as a scrutineer makes their own. */
    public static KeyPair scrutineerKey() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /** Registers the scrutineer's public key, the one their decisions must be signed with. */
    public void registerKey(String scrutineerToken, KeyPair key) {
        api.put(scrutineerToken, "/api/tally/scrutineer/key",
                Map.of("publicKey", Base64Url.encode(Ed25519Keys.raw(key.getPublic())))).expect(200, 201);
    }

    /**
     * A scrutineer's decision on the counted result: reads what they review (the final tree head, their account name),
     * signs {@link Certification#statement} with their key and sends it.
     */
    public Api.Reply decide(String scrutineerToken, KeyPair key, String ballotId, String decision, List<String> reasons) {
        JsonNode review = api.get(scrutineerToken, tally(ballotId) + "/certification").expect(200).json();
        String scrutineer = review.path("scrutineer").asText();
        long treeSize = review.path("treeSize").asLong();
        String rootHash = review.path("rootHash").asText();
        byte[] statement = Certification.statement(ballotId, decision, reasons, scrutineer, treeSize, rootHash);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        body.put("reasons", reasons);
        body.put("scrutineer", scrutineer);
        body.put("publicKey", Base64Url.encode(Ed25519Keys.raw(key.getPublic())));
        body.put("treeSize", treeSize);
        body.put("rootHash", rootHash);
        body.put("signature", Base64Url.encode(sign(key, statement)));
        return api.post(scrutineerToken, tally(ballotId) + "/certifications", body);
    }

    /** An admin declares the certified result. */
    public Api.Reply declare(String adminToken, String ballotId) {
        return api.post(adminToken, tally(ballotId) + "/declaration", Map.of());
    }

    private static byte[] sign(KeyPair key, byte[] statement) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key.getPrivate());
            s.update(statement);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each page's text. */
    static List<String> pages(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            List<String> pages = new ArrayList<>();
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                pages.add(stripper.getText(doc));
            }
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException("not a PDF of ballot papers", e);
        }
    }
}
