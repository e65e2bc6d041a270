package org.selectorate.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.selectorate.cli.demo.Api;
import org.selectorate.cli.demo.DemoSelection;
import org.selectorate.cli.demo.Mailbox;
import org.selectorate.devstack.Stack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever reaches the anonymous endpoints through the gateway (malformed or absent ids, NUL and other control
 * characters, unpaired surrogates, oversized fields, wrong JSON types, bodies that are not JSON, wrong content types),
 * the platform answers below 500, and every 4xx is RFC 9457 problem details. Ids are drawn from a real open ballot
 * and selection as well as from random and malformed ones, so inputs reach the checks behind the lookups too.
 * Properties (jqwik) rather than examples: a failure is shrunk to a small input and reported with its seed. About
 * 4,300 requests, a minute on the build machine. Runs on jqwik's engine, so it starts the platform itself;
 * {@link PlatformSession} stops it when the run ends.
 */
class PublicInputFuzzIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> CANDIDATES = List.of("Ada Fuzz", "Bo Property");
    /** Characters that have broken parsers, databases, headers and logs. */
    private static final String NASTY = "\u0000\u0001\u0007\b\t\n\u000b\f\r\u001b\u007f\u0085\u00a0\u2028\u2029\u202e"
            + "\ufeff\ufffd%./\\\"'<>{}[]&=?#;:+*@!$ aZ09-_~\ud83d\uddf3";
    /** Stands for a field left out of a body. */
    private static final Object ABSENT = new Object();

    private static String gateway;
    private static String ballotId;
    private static String selectionId;

    @BeforeContainer
    static void platformWithAnOpenBallot() throws Exception {
        Stack stack = RunningPlatform.start().stack();
        gateway = stack.gatewayUrl();
        Api api = new Api(gateway, stack.issuer(), stack.clientSecret(Stack.SERVICES_CLIENT));
        DemoSelection demo = new DemoSelection(api, new Mailbox(stack.mailApiUrl()), api.token("hq", "hq-demo"),
                System.out::println);
        String area = "F" + UUID.randomUUID().toString().substring(0, 6);
        DemoSelection.Opened opened = demo.open(area, area + "-C", 6, CANDIDATES, 7, List.of());
        ballotId = opened.ballotId();
        selectionId = opened.selectionId();
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.BOUNDED)
    void anonymousReads(@ForAll("ids") String id, @ForAll("segments") String other, @ForAll("segments") String query,
                        @ForAll @IntRange(max = 5) int endpoint) throws Exception {
        String path = switch (endpoint) {
            case 0 -> "/api/ballots/public/ballots/" + segment(id);
            case 1 -> "/api/tally/public/ballots/" + segment(id) + "/result";
            case 2 -> "/api/tally/public/ballots/" + segment(id) + "/entries/" + segment(other);
            case 3 -> "/api/tally/public/ballots/" + segment(id) + "/record?format=" + segment(query);
            case 4 -> "/api/notifications/public/unsubscribe?selection=" + segment(id) + "&member=" + segment(other)
                    + "&token=" + segment(query);
            default -> "/api/notifications/public/notices/" + segment(id) + "/ack?token=" + segment(query);
        };
        // The acknowledgement page is a page for people: its refusals are HTML by design.
        answersWell(send("GET", path, null, null), endpoint == 5);
    }

    @Property(tries = 500, shrinking = ShrinkingMode.BOUNDED)
    void credentialRedemption(@ForAll("ids") String id, @ForAll("credentialBodies") String body) throws Exception {
        answersWell(send("POST", "/api/ballots/public/ballots/" + segment(id) + "/credentials", "application/json",
                body), false);
    }

    @Property(tries = 500, shrinking = ShrinkingMode.BOUNDED)
    void rollCheck(@ForAll("ids") String id, @ForAll("rollCheckBodies") String body) throws Exception {
        answersWell(send("POST", "/api/membership/public/selections/" + segment(id) + "/roll/check",
                "application/json", body), false);
    }

    @Property(tries = 1000, shrinking = ShrinkingMode.BOUNDED)
    void casts(@ForAll("ids") String id, @ForAll("castBodies") String body) throws Exception {
        answersWell(send("POST", "/api/tally/public/ballots/" + segment(id) + "/casts", "application/json", body),
                false);
    }

    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
    void receiptRequests(@ForAll("ids") String id, @ForAll("receiptBodies") String body) throws Exception {
        answersWell(send("POST", "/api/notifications/public/ballots/" + segment(id) + "/receipts",
                "application/json", body), false);
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void noticeAcknowledgements(@ForAll("ids") String id, @ForAll("segments") String token, @ForAll boolean inForm)
            throws Exception {
        String path = "/api/notifications/public/notices/" + segment(id) + "/ack" + (inForm ? "" : "?token=" + segment(token));
        answersWell(send("POST", path, inForm ? "application/x-www-form-urlencoded" : null,
                inForm ? "token=" + segment(token) : null), false);
    }

    /** Bodies that are not JSON, or not the JSON announced, under any content type. */
    @Property(tries = 600, shrinking = ShrinkingMode.BOUNDED)
    void bodiesThatAreNotWhatTheySay(@ForAll @IntRange(max = 3) int endpoint, @ForAll("contentTypes") String type,
                                     @ForAll("rawBodies") byte[] body) throws Exception {
        String path = switch (endpoint) {
            case 0 -> "/api/ballots/public/ballots/" + ballotId + "/credentials";
            case 1 -> "/api/membership/public/selections/" + selectionId + "/roll/check";
            case 2 -> "/api/tally/public/ballots/" + ballotId + "/casts";
            default -> "/api/notifications/public/ballots/" + ballotId + "/receipts";
        };
        answersWell(send("POST", path, type, body), false);
    }

    @Example
    void bodiesOverTheLimitsAre413ProblemDetails() throws Exception {
        String cast = "/api/tally/public/ballots/" + ballotId + "/casts";
        // Over tally-service's limit (Quarkus's 10 MB), within the gateway's (64 MB): the service refuses it.
        byte[] overService = jsonWithFieldOf(11 * 1024 * 1024);
        HttpResponse<String> service = send("POST", cast, "application/json", overService);
        assertEquals(413, service.statusCode(), service.body());
        answersWell(service, false);
        // The same sent in chunks, without a length.
        HttpResponse<String> chunked = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + cast))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(overService))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode(), chunked.body());
        answersWell(chunked, false);
        // Over the gateway's own limit: refused before anything is forwarded.
        HttpResponse<String> gatewayRefusal = send("POST", cast, "application/json", jsonWithFieldOf(65 * 1024 * 1024));
        assertEquals(413, gatewayRefusal.statusCode(), gatewayRefusal.body());
        answersWell(gatewayRefusal, false);
    }

    // --- what is sent

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(ballotId, selectionId)),
                Tuple.of(2, Arbitraries.create(() -> UUID.randomUUID().toString())),
                Tuple.of(1, Arbitraries.of(ballotId, selectionId).map(String::toUpperCase)),
                Tuple.of(1, Arbitraries.of(ballotId, selectionId).map(s -> s + "\u0000")),
                Tuple.of(4, segments()));
    }

    /** Text for a path segment or query value: short enough that the request line stays within the limits. */
    @Provide
    Arbitrary<String> segments() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(4, Arbitraries.strings().withChars(NASTY).ofMaxLength(40)),
                Tuple.of(2, Arbitraries.of("", " ", ".", "..", "%00", "%2F", "null", "undefined", "-1", "0",
                        "9223372036854775808", "1e309", "' or '1'='1", "${jndi:ldap://x}", "\u0000", "\r\nX-Injected: 1",
                        "00000000-0000-0000-0000-000000000000", "FFV1-CP61-8DH2-Y6G6", "ffv1cp618dh2y6g6")),
                Tuple.of(1, Arbitraries.strings().ascii().ofMinLength(100).ofMaxLength(250)));
    }

    /** Text for a JSON field: the path's text, plus oversized values. */
    @Provide
    Arbitrary<String> fieldText() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, segments()),
                Tuple.of(1, Arbitraries.strings().all().ofMinLength(1000).ofMaxLength(5000)),
                Tuple.of(1, Arbitraries.integers().between(10_000, 2_000_000).map("x"::repeat)));
    }

    /** Any JSON value, nested two deep. */
    Arbitrary<Object> anything() {
        return anything(2);
    }

    private Arbitrary<Object> anything(int depth) {
        List<Tuple.Tuple2<Integer, Arbitrary<Object>>> choices = new ArrayList<>(List.of(
                Tuple.of(5, asObject(fieldText())),
                Tuple.of(1, asObject(Arbitraries.longs())),
                Tuple.of(1, asObject(Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(30).negate(),
                        java.math.BigInteger.TEN.pow(30)))),
                Tuple.of(1, asObject(Arbitraries.doubles())),
                Tuple.of(1, asObject(Arbitraries.of(true, false))),
                Tuple.of(1, Arbitraries.<Object>just(null))));
        if (depth > 0) {
            choices.add(Tuple.of(1, asObject(anything(depth - 1).list().ofMaxSize(4))));
            choices.add(Tuple.of(1, asObject(Arbitraries.maps(segments(), anything(depth - 1)).ofMaxSize(3))));
        }
        return Arbitraries.frequencyOf(choices);
    }

    private static Arbitrary<Object> asObject(Arbitrary<?> values) {
        return values.map(v -> (Object) v);
    }

    /** A field's value: what the endpoint expects, or anything at all, or nothing. */
    private Arbitrary<Object> field(Arbitrary<?> expected) {
        return Arbitraries.frequencyOf(
                Tuple.of(4, asObject(expected)),
                Tuple.of(3, anything()),
                Tuple.of(1, Arbitraries.just(ABSENT)));
    }

    /** A JSON object of the fields named, each given as its name then what it expects, in that order. */
    private Arbitrary<String> body(Object... namesAndExpected) {
        List<String> names = new ArrayList<>();
        List<Arbitrary<Object>> values = new ArrayList<>();
        for (int i = 0; i < namesAndExpected.length; i += 2) {
            names.add((String) namesAndExpected[i]);
            values.add(field((Arbitrary<?>) namesAndExpected[i + 1]));
        }
        Arbitrary<Map<String, Object>> object = Combinators.combine(values).as(list -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                if (list.get(i) != ABSENT) {
                    m.put(names.get(i), list.get(i));
                }
            }
            return m;
        });
        return Arbitraries.frequencyOf(
                Tuple.of(8, object.map(PublicInputFuzzIT::json)),
                Tuple.of(1, anything().map(PublicInputFuzzIT::json)),
                Tuple.of(1, Arbitraries.of("", "{", "[]", "null", "{\"vote\":", "{\"a\":1}}", "\u0000", "{\"token\":\"\\ud800\"}")));
    }

    private static Arbitrary<String> base64url(int maxBytes) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxBytes)
                .map(b -> Base64.getUrlEncoder().withoutPadding().encodeToString(b));
    }

    private static Arbitrary<String> code() {
        return Arbitraries.strings().withChars("0123456789ABCDEFGHJKMNPQRSTVWXYZabcdilo-").ofMinLength(12).ofMaxLength(24);
    }

    @Provide
    Arbitrary<String> credentialBodies() {
        return body("accessCode", code(), "blindedMessage", base64url(600));
    }

    @Provide
    Arbitrary<String> rollCheckBodies() {
        return body("membershipNumber", Arbitraries.strings().numeric().ofMaxLength(12),
                "email", Arbitraries.strings().alpha().ofMaxLength(20).map(s -> s + "@example.org"));
    }

    @Provide
    Arbitrary<String> castBodies() {
        Arbitrary<List<String>> votes = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(CANDIDATES).list().ofMaxSize(4)),
                Tuple.of(1, segments().list().ofMaxSize(4)));
        return body("token", base64url(64), "prefix", base64url(48), "signature", base64url(600), "vote", votes);
    }

    @Provide
    Arbitrary<String> receiptBodies() {
        return body("accessCode", code(), "tracker", code());
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "application/json; charset=utf-16", "text/plain", "text/csv",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml",
                "application/octet-stream", "application/problem+json", "*/*", "application/json; charset=nope", "");
    }

    @Provide
    Arbitrary<byte[]> rawBodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(2000)),
                Tuple.of(2, castBodies().map(s -> s.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(1, castBodies().map(s -> s.getBytes(StandardCharsets.UTF_16))),
                Tuple.of(1, Arbitraries.of("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n",
                        "token=%00&vote=", "<a>&xxe;</a>", "\ufeff{}").map(s -> s.getBytes(StandardCharsets.UTF_8))));
    }

    // --- how it is sent and judged

    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] jsonWithFieldOf(int size) {
        return ("{\"token\":\"" + "a".repeat(size) + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    private static HttpResponse<String> send(String method, String path, String type, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(60));
        if (type != null && !type.isEmpty()) {
            request.header("Content-Type", type);
        }
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : body instanceof byte[] bytes ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                : HttpRequest.BodyPublishers.ofString((String) body, StandardCharsets.UTF_8);
        return HTTP.send(request.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void answersWell(HttpResponse<String> response, boolean htmlPage) {
        int status = response.statusCode();
        String said = response.request().method() + " " + abbreviated(response.request().uri().toString()) + " -> "
                + status + " " + abbreviated(response.body());
        assertTrue(status < 500, said);
        if (status >= 400) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            assertTrue(type.startsWith("application/problem+json") || (htmlPage && type.startsWith("text/html")),
                    "not problem details (" + type + "): " + said);
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "… (" + text.length() + " chars)";
    }
}
