package org.selectorate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.selectorate.cli.demo.Api;
import org.selectorate.cli.demo.DemoSelection;
import org.selectorate.cli.demo.Mailbox;
import org.selectorate.devstack.Devstack;
import org.selectorate.devstack.Ports;
import org.selectorate.devstack.Stack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Committee notices on the real platform and its real SMTP server: nobody on the committee can be left
 * untold of a ballot. The tests move ballot-service's timetable clock ahead to let the 48-hour lead time pass.
 */
@ExtendWith(RunningPlatform.class)
class CommitteeNoticesIT {
    private static final List<String> CANDIDATES = List.of("Alex Rivera", "Bilal Chaudhry");
    private static final Duration EVENTUAL = Duration.ofSeconds(90);
    private static final Map<String, String> TWO_DAYS_ON = Map.of("selectorate.clock.offset", "PT49H");

    private final Devstack devstack = RunningPlatform.devstack();
    private final Stack stack = devstack.stack();
    private final Api api = new Api(stack.gatewayUrl(), stack.issuer(), stack.clientSecret(Stack.SERVICES_CLIENT));
    private final Mailbox mailbox = new Mailbox(stack.mailApiUrl());
    private final String admin = api.token("hq", "hq-demo");
    private final DemoSelection demo = new DemoSelection(api, mailbox, admin, System.out::println);

    @Test
    void aUnionRepresentativeWhoseAddressFailsKeepsTheBallotShutUntilToldInTime() throws Exception {
        String area = "N" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String constituency = area + "-C";
        List<DemoSelection.Seat> committee = new ArrayList<>(DemoSelection.committee(constituency));
        assertEquals(2, committee.stream().filter(s -> s.role().equals("union-representative")).count());
        DemoSelection.Seat union = committee.get(4);
        DemoSelection.Seat unreachable = new DemoSelection.Seat(union.name(), union.role(), "tom.gallagher@union.invalid");
        committee.set(4, unreachable);

        DemoSelection.Prepared selection = demo.prepare(area, constituency, 20, CANDIDATES, 7, committee,
                Map.of("noticeLeadHours", 48));
        String id = selection.selectionId();
        api.until(() -> api.get(admin, "/api/ballots/selections/" + id + "/electorate"), Set.of(404), EVENTUAL);
        await("the electorate to arrive", () -> api.get(admin, "/api/ballots/selections/" + id + "/electorate")
                .expect(200).json().path("complete").asBoolean());
        String ballotId = api.post(admin, "/api/ballots/selections/" + id + "/ballots",
                Map.of("closesAt", Instant.now().plus(Duration.ofDays(5)).toString())).expect(201).json().get("id").asText();

        // Six members are told through the SMTP server; the seventh's address is refused there.
        await("six deliveries in the ledger", () -> delivered(id).size() == 6);
        for (DemoSelection.Seat seat : committee) {
            if (seat != unreachable) {
                assertEquals(1, mailbox.count(seat.email(), "Selection notice: Ballot scheduled"), seat.email() + " should hold one notice");
            }
        }
        assertEquals(0, mailbox.count(unreachable.email(), ""), "the SMTP server keeps nothing for a refused address");
        JsonNode failing = entry(id, unreachable.name());
        assertNotEquals("delivered", failing.path("status").asText());
        assertFalse(failing.path("lastError").asText().isBlank(), "the ledger says why: " + failing);

        // Nobody was told 48 hours ahead: all seven are named.
        String early = refusal(ballotId);
        for (DemoSelection.Seat seat : committee) {
            assertTrue(early.contains(seat.name()), early);
        }

        // Two days on, only the representative whose address fails is still missing (once ballot-service, just
        // restarted, has caught up with the deliveries).
        devstack.restart(Ports.BALLOT, TWO_DAYS_ON);
        try {
            await("a refusal naming only the unreachable representative", () -> {
                String refusal = refusal(ballotId);
                return committee.stream().filter(s -> s != unreachable).noneMatch(s -> refusal.contains(s.name()));
            });
            assertTrue(refusal(ballotId).contains(unreachable.name()));

            // Fixed: the seat is filled again with the address that works; the earlier notice follows them.
            String seatId = seatOf(id, unreachable.email());
            api.delete(admin, "/api/ballots/selections/" + id + "/committee/" + seatId).expect(204);
            api.post(admin, "/api/ballots/selections/" + id + "/committee",
                    Map.of("name", union.name(), "role", union.role(), "email", union.email())).expect(201);
            await("the fixed address to be delivered", () -> delivered(id).contains(union.email()));
            assertEquals(1, mailbox.count(union.email(), "Selection notice: Ballot scheduled"));

            Api.Reply opened = api.until(() -> api.post(admin, "/api/ballots/ballots/" + ballotId + "/open", Map.of()),
                    Set.of(409), EVENTUAL);
            assertEquals(200, opened.status(), opened.body());
            assertEquals("open", opened.json().path("status").asText());
        } finally {
            devstack.restart(Ports.BALLOT, Map.of());
        }

        // Every member acknowledges from their mail; the ledger records each acknowledgement once.
        await("the opening told to all seven", () -> count(ledger(id), "kind", "ballot-opened") == 7);
        List<DemoSelection.Seat> serving = new ArrayList<>(committee);
        serving.set(4, union);
        DemoSelection.Opened shown = new DemoSelection.Opened(area, constituency, id, ballotId, CANDIDATES,
                selection.members(), selection.electorate());
        // A mail scanner following every link first acknowledges nothing: a link only shows the notice's page.
        for (DemoSelection.Seat seat : serving) {
            for (String link : mailbox.acknowledgementLinks(seat.email())) {
                Api.Reply page = api.get(null, link);
                assertEquals(200, page.status(), page.body());
                assertTrue(page.body().contains("<form method=\"post\""), page.body());
            }
        }
        for (JsonNode n : ledger(id)) {
            assertFalse(n.hasNonNull("acknowledgedAt"), "following a link acknowledged " + n);
        }
        DemoSelection.Notices notices = demo.acknowledgeNotices(shown, serving);
        assertEquals(7, notices.committee());
        long deliveredNotices = notices.delivered();
        assertEquals(deliveredNotices, notices.acknowledged(), "every delivered notice is acknowledged");
        assertTrue(deliveredNotices >= 14, "scheduled and opened notices for all seven: " + notices);
    }

    private String refusal(String ballotId) {
        Api.Reply reply = api.post(admin, "/api/ballots/ballots/" + ballotId + "/open", Map.of());
        assertEquals(409, reply.status(), reply.body());
        JsonNode problem = reply.json();
        assertEquals("committee-not-told", problem.path("type").asText().replaceAll(".*/", ""), reply.body());
        return problem.path("detail").asText();
    }

    private List<String> delivered(String selectionId) {
        List<String> to = new ArrayList<>();
        for (JsonNode n : ledger(selectionId)) {
            if (n.path("kind").asText().equals("ballot-scheduled") && n.path("status").asText().equals("delivered")) {
                to.add(n.path("recipient").asText());
            }
        }
        return to;
    }

    private static long count(JsonNode notices, String field, String value) {
        long n = 0;
        for (JsonNode notice : notices) {
            if (notice.path(field).asText().equals(value)) {
                n++;
            }
        }
        return n;
    }

    private JsonNode entry(String selectionId, String name) {
        for (JsonNode n : ledger(selectionId)) {
            if (n.path("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no notice for " + name + " in the ledger");
    }

    private JsonNode ledger(String selectionId) {
        return api.get(admin, "/api/notifications/selections/" + selectionId + "/notices").expect(200).json();
    }

    private String seatOf(String selectionId, String email) {
        for (JsonNode seat : api.get(admin, "/api/ballots/selections/" + selectionId + "/committee").expect(200).json()) {
            if (seat.path("email").asText().equals(email)) {
                return seat.path("id").asText();
            }
        }
        throw new AssertionError("no seat for " + email);
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
