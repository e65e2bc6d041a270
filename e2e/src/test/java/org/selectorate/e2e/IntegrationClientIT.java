package org.selectorate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.selectorate.cli.demo.Api;
import org.selectorate.cli.demo.DemoSelection;
import org.selectorate.cli.demo.Mailbox;
import org.selectorate.cli.demo.Voter;
import org.selectorate.client.ApiClient;
import org.selectorate.client.ApiException;
import org.selectorate.client.api.RecordApi;
import org.selectorate.client.api.ResultApi;
import org.selectorate.client.api.SelectionsApi;
import org.selectorate.client.api.TurnoutApi;
import org.selectorate.client.api.WebhooksApi;
import org.selectorate.client.model.Created;
import org.selectorate.client.model.NewSubscription;
import org.selectorate.client.model.Problem;
import org.selectorate.client.model.ResultView;
import org.selectorate.client.model.Turnout;
import org.selectorate.devstack.Ports;
import org.selectorate.devstack.Service;
import org.selectorate.devstack.Stack;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An integration's job done only through the Java client generated from the committed contract
 * (integration-client, from docs/openapi.json) with a client-credentials token: the demo realm's integration covers
 * region DEMO. The selection itself is set up and voted in as people would (DemoSelection), not by the integration.
 */
@ExtendWith(RunningPlatform.class)
class IntegrationClientIT {
    private static final List<String> CANDIDATES = List.of("Alex Rivera", "Bilal Chaudhry");
    private static final List<String> EVENTS = List.of("ballot-opened", "ballot-closed", "result");
    private static final Duration EVENTUAL = Duration.ofSeconds(90);
    private static final String PROBLEMS = "https://selectorate.org/problems/";

    private static Api api;
    private static DemoSelection demo;
    private static ApiClient client;
    private static HttpServer receiver;
    /** Deliveries as received, one per webhook-id (a retry repeats its id). */
    private static final Map<String, Delivery> deliveries = new ConcurrentHashMap<>();
    private static final List<String> badSignatures = new CopyOnWriteArrayList<>();

    private record Delivery(String id, long timestamp, String signature, String body) {
    }

    @BeforeAll
    static void integration() throws Exception {
        Stack stack = RunningPlatform.devstack().stack();
        api = new Api(stack.gatewayUrl(), stack.issuer(), stack.clientSecret(Stack.SERVICES_CLIENT));
        demo = new DemoSelection(api, new Mailbox(stack.mailApiUrl()), api.token("hq", "hq-demo"), System.out::println);
        String token = Tokens.clientCredentials();
        client = new ApiClient();
        client.updateBaseUri(stack.gatewayUrl());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        letWebhooksReachThisMachine(stack);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            deliveries.putIfAbsent(headers.getFirst("webhook-id"), new Delivery(headers.getFirst("webhook-id"),
                    Long.parseLong(headers.getFirst("webhook-timestamp")), headers.getFirst("webhook-signature"),
                    new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void anIntegrationFollowsABallotThroughTheGeneratedClient() throws Exception {
        String constituency = "DEMO-I" + UUID.randomUUID().toString().substring(0, 5).toUpperCase();
        DemoSelection.Prepared prepared = demo.prepare("DEMO", constituency, 6, CANDIDATES, 17, List.of(), Map.of());

        // Subscribed before the ballot opens; notification-service learns of the selection from its events.
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        Created subscription = eventually(() -> new WebhooksApi(client).subscribeWebhook(prepared.selectionId(),
                new NewSubscription().url(url).events(EVENTS)), Set.of(404));
        assertTrue(subscription.getSecret().startsWith("whsec_"), "the answer holds the signing secret");
        assertEquals(EVENTS, subscription.getEvents());

        DemoSelection.Opened opened = demo.openBallot("DEMO", constituency, prepared, CANDIDATES);
        UUID ballot = UUID.fromString(opened.ballotId());
        demo.vote(opened, 3, 1, 17, 0, Voter.Hold.NONE);

        Turnout turnout = new TurnoutApi(client).getTurnout(ballot);
        assertEquals("open", turnout.getStatus());
        assertEquals(opened.electorate(), turnout.getElectorate().longValue());
        assertEquals(3L, turnout.getTotal().longValue(), "three voters were issued their credentials");

        demo.close(opened, api.token("scrutineer", "scrutineer-demo"));
        ResultView result = eventually(() -> new ResultApi(client).getResult(opened.ballotId()), Set.of(404, 409));
        assertEquals(3L, result.getVotes().longValue());
        assertEquals(1, result.getElected().size());

        Object exported = new RecordApi(client).exportRecord(opened.ballotId(), "json");
        JsonNode record = new ObjectMapper().valueToTree(exported);
        assertEquals(3, record.path("entries").size(), "every cast is on the exported record");

        await().atMost(EVENTUAL).until(() -> types().containsAll(EVENTS));
        for (Delivery d : deliveries.values()) {
            if (!signedWith(subscription.getSecret(), d)) {
                badSignatures.add(d.id());
            }
            assertTrue(Math.abs(Instant.now().getEpochSecond() - d.timestamp()) < 300, "a fresh timestamp");
        }
        assertTrue(badSignatures.isEmpty(), "deliveries whose signature does not verify: " + badSignatures);
        Delivery forged = deliveries.values().iterator().next();
        assertFalse(signedWith(subscription.getSecret(),
                new Delivery(forged.id(), forged.timestamp(), forged.signature(), forged.body() + " ")),
                "a changed body must not verify");
        for (Delivery d : deliveries.values()) {
            assertEquals(prepared.selectionId(), new ObjectMapper().readTree(d.body()).path("data")
                    .path("selectionId").asText(), "a delivery is about the subscribed selection");
        }
    }

    /**
     * Outside its area an integration finds nothing: the guide's 404 problem details, the same as for a selection
     * that does not exist, so the answer does not tell that one exists. An operation its role does not allow is 403.
     */
    @Test
    void outOfAreaAndBeyondItsRoleTheGeneratedClientSurfacesProblemDetails() {
        String region = "Y" + UUID.randomUUID().toString().substring(0, 5).toUpperCase();
        DemoSelection.Prepared elsewhere = demo.prepare(region, region + "-001", 3, CANDIDATES, 5, List.of(), Map.of());
        SelectionsApi selections = new SelectionsApi(client);

        ApiException outOfArea = assertThrows(ApiException.class,
                () -> selections.getSelection(UUID.fromString(elsewhere.selectionId())));
        Problem problem = problem(outOfArea);
        assertEquals(404, outOfArea.getCode());
        assertEquals(PROBLEMS + "not-found", problem.getType().toString());
        assertEquals(404, problem.getStatus().intValue());
        ApiException absent = assertThrows(ApiException.class, () -> selections.getSelection(UUID.randomUUID()));
        assertEquals(problem.getType(), problem(absent).getType(), "out of area reads as absent");

        ApiException forbidden = assertThrows(ApiException.class,
                () -> new TurnoutApi(client).getMarkedRegister(UUID.randomUUID()));
        assertEquals(403, forbidden.getCode());
        Problem refusal = problem(forbidden);
        assertEquals(PROBLEMS + "forbidden", refusal.getType().toString());
        assertEquals(403, refusal.getStatus().intValue());
    }

    private static Problem problem(ApiException e) {
        assertEquals("application/problem+json",
                e.getResponseHeaders().firstValue("content-type").orElse("").split(";")[0]);
        try {
            return client.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
        } catch (Exception unreadable) {
            throw new AssertionError("not problem details: " + e.getResponseBody(), unreadable);
        }
    }

    private static List<String> types() throws Exception {
        List<String> types = new ArrayList<>();
        for (Delivery d : deliveries.values()) {
            types.add(new ObjectMapper().readTree(d.body()).path("type").asText());
        }
        return types;
    }

    /** Standard Webhooks: any of the space-separated {@code v1,<base64>} signatures over "{id}.{timestamp}.{body}". */
    private static boolean signedWith(String secret, Delivery d) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected = mac.doFinal((d.id() + "." + d.timestamp() + "." + d.body()).getBytes(StandardCharsets.UTF_8));
        for (String signature : d.signature().split(" ")) {
            if (signature.startsWith("v1,") && MessageDigest.isEqual(expected,
                    Base64.getDecoder().decode(signature.substring(3)))) {
                return true;
            }
        }
        return false;
    }

    private interface Call<T> {
        T call() throws ApiException;
    }

    /** Repeats a call answered with one of {@code notYet} (the platform is eventually consistent), up to a limit. */
    private static <T> T eventually(Call<T> call, Set<Integer> notYet) throws Exception {
        Instant deadline = Instant.now().plus(EVENTUAL);
        while (true) {
            try {
                return call.call();
            } catch (ApiException e) {
                if (!notYet.contains(e.getCode()) || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    /**
     * The platform's webhooks reach public https addresses only; this test's receiver listens on 127.0.0.1 over
     * http, so notification-service is restarted allowing that (as its test profile does), and stays so.
     */
    private static void letWebhooksReachThisMachine(Stack stack) throws Exception {
        for (Service service : Service.all(stack)) {
            if (service.service().equals(Ports.NOTIFICATION)) {
                stack.processes().stop(service.name(), Duration.ofSeconds(20));
                service.start(Map.of("selectorate.webhooks.allow-http", "true",
                        "selectorate.webhooks.allow-private-addresses", "true"));
            }
        }
    }
}
