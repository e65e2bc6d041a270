package org.selectorate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.selectorate.cli.demo.Api;
import org.selectorate.cli.demo.DemoSelection;
import org.selectorate.cli.demo.Mailbox;
import org.selectorate.cli.demo.Members;
import org.selectorate.cli.demo.Voter;
import org.selectorate.devstack.Stack;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mail to members on the real platform: alerts follow the contact held at the freeze; candidates write on equal terms. */
@ExtendWith(RunningPlatform.class)
class MemberMailIT {
    private static final List<String> CANDIDATES = List.of("Alex Rivera", "Bilal Chaudhry");
    private static final Duration EVENTUAL = Duration.ofSeconds(90);

    private final Stack stack = RunningPlatform.devstack().stack();
    private final Api api = new Api(stack.gatewayUrl(), stack.issuer(), stack.clientSecret(Stack.SERVICES_CLIENT));
    private final Mailbox mailbox = new Mailbox(stack.mailApiUrl());
    private final String admin = api.token("hq", "hq-demo");
    private final DemoSelection demo = new DemoSelection(api, mailbox, admin, System.out::println);

    @Test
    void afterAPostFreezeContactChangeBallotMailStillGoesToTheAddressHeldAtTheFreeze() {
        String area = "M" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String constituency = area + "-C";
        DemoSelection.Prepared selection = demo.prepare(area, constituency, 10, CANDIDATES, 11, List.of(), Map.of());
        Members.Member member = selection.members().eligible().get(0);
        String newAddress = "moved." + member.number().toLowerCase() + "@elsewhere.selectorate.test";

        JsonNode changed = api.put(admin, "/api/membership/constituencies/" + constituency + "/members/" + member.number()
                + "/contact", Map.of("email", newAddress)).expect(200).json();
        assertEquals(newAddress, changed.path("email").asText());
        await("the previous address to be told", () ->
                mailbox.count(member.email(), "The contact details for your membership were changed") == 1);

        String ballotId = api.post(admin, "/api/ballots/selections/" + selection.selectionId() + "/ballots",
                Map.of("closesAt", Instant.now().plus(Duration.ofHours(2)).toString())).expect(201).json().get("id").asText();
        api.until(() -> api.post(admin, "/api/ballots/ballots/" + ballotId + "/open", Map.of()), Set.of(404, 409), EVENTUAL)
                .expect(200);
        api.until(() -> api.get(admin, "/api/tally/ballots/" + ballotId + "/progress"), Set.of(404, 409), EVENTUAL).expect(200);

        String code = mailbox.accessCode(member.email(), ballotId, EVENTUAL);
        Voter voter = new Voter(api);
        Voter.PublishedBallot ballot = Voter.PublishedBallot.fetch(api, ballotId);
        voter.vote(ballot, code, List.of("Bilal Chaudhry"));

        await("the issue alert at the freeze address", () ->
                mailbox.count(member.email(), "A ballot was issued in your name") == 1);
        assertEquals(0, mailbox.count(newAddress, ""), "nothing about the ballot goes to the address set after the freeze");
    }

    @Test
    void everyCandidateHasTheSameQuotaAndNoAdminCanWriteForThem() {
        // The demo candidate user's token covers NW-001, the demo area `up` creates.
        DemoSelection.Prepared selection = demo.prepare("NW", "NW-001", 8, CANDIDATES, 12, List.of(),
                Map.of("mailingQuota", 1, "mailingPeriodDays", 7));
        String id = selection.selectionId();
        api.put(admin, "/api/ballots/selections/" + id + "/candidates/"
                + URLEncoder.encode("Alex Rivera", StandardCharsets.UTF_8).replace("+", "%20") + "/accounts",
                Map.of("account", "candidate")).expect(200, 204);
        String candidate = api.token("candidate", "candidate-demo");
        String subject = "A word from Alex Rivera " + id.substring(0, 8);
        Map<String, String> message = Map.of("subject", subject, "body", "Thank you for reading. Alex");

        api.until(() -> api.post(candidate, "/api/notifications/selections/" + id + "/mailings", message),
                Set.of(403, 404, 409), EVENTUAL).expect(201);
        for (Members.Member elector : selection.members().eligible()) {
            await(elector.email() + " to receive the mailing", () -> mailbox.count(elector.email(), subject) == 1);
        }

        Api.Reply over = api.post(candidate, "/api/notifications/selections/" + id + "/mailings", message);
        assertEquals(429, over.status(), over.body());
        assertTrue(over.json().path("detail").asText().contains("1"), over.body());

        Api.Reply onBehalf = api.post(admin, "/api/notifications/selections/" + id + "/mailings", message);
        assertEquals(403, onBehalf.status(), onBehalf.body());
        JsonNode sent = api.get(admin, "/api/notifications/selections/" + id + "/mailings").expect(200).json();
        assertEquals(1, sent.size(), "the refused mailings were not recorded: " + sent);
        assertEquals(selection.members().eligible().size(), mailbox.mailOut(subject).messages(),
                "each elector once, nobody twice");
    }

    private static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(EVENTUAL);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Api.sleep(500);
        }
    }
}
