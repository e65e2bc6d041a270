package org.selectorate.membership.members;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.selectorate.membership.Fixtures;
import org.selectorate.testkit.EmbeddedPlatform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemberImportResourceTest {
    private static final String REGION = "RIMPORT";

    @Inject
    Pool pool;

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aGoodFileIsImportedAndReimportUpdatesByMembershipNumber() {
        String c = setUp();
        given().contentType("text/csv").body(Fixtures.members("G", 3, c + "-N", c + "-S"))
                .post(path(c)).then().statusCode(200)
                .body("rows", equalTo(3)).body("imported", equalTo(3)).body("rejected", equalTo(0))
                .body("errors", hasSize(0));
        String update = Fixtures.HEADER + "G1,Changed,Name,new@example.org,,,"
                + c + "-S,2016-01-01,suspended,true\n" + "G9,New,Member,g9@example.org,,,"
                + c + "-N,2016-01-01,active,false\n";
        given().contentType("text/csv").body(update).post(path(c)).then().statusCode(200).body("imported", equalTo(2));
        assertEquals(4, count(c));
        Row g1 = pool.preparedQuery("select * from member where constituency = $1 and membership_number = 'G1'")
                .execute(Tuple.of(c)).await().indefinitely().iterator().next();
        assertEquals("Changed", g1.getString("first_name"));
        assertEquals("suspended", g1.getString("status"));
        assertEquals(true, g1.getBoolean("arrears"));
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aFileWithABadRowImportsNothingAndReportsEveryBadRow() {
        String c = setUp();
        String bad = Fixtures.members("B", 5, c + "-N") + "B99,Ann,Lee,not-email,,,nowhere,2020-01-01,active,no\n";
        given().contentType("text/csv").body(bad).post(path(c)).then().statusCode(422)
                .contentType("application/problem+json")
                .body("rows", equalTo(6)).body("imported", equalTo(0)).body("rejected", equalTo(1))
                .body("detail", containsString("nothing was imported"))
                .body("errors.field", equalTo(java.util.List.of("email", "branch", "arrears")))
                .body("errors.line", hasItem(7));
        assertEquals(0, count(c));

        given().contentType("text/csv").body(bad).queryParam("acceptValid", true).post(path(c)).then().statusCode(200)
                .body("rows", equalTo(6)).body("imported", equalTo(5)).body("rejected", equalTo(1))
                .body("errors[0].reason", containsString("not an email"));
        assertEquals(5, count(c));
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aFileWithoutTheDocumentedHeaderIsRefused() {
        String c = setUp();
        given().contentType("text/csv").body("number,name\n1,Ann\n").post(path(c)).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors", hasItem("header: missing column 'membership_number'"));
        given().contentType("text/csv").body(Fixtures.HEADER).post("/api/membership/constituencies/NOPE/members")
                .then().statusCode(404);
    }

    /**
     * The whole HTTP path of a 100,000-row file, then the freeze of those members into a roll (entries, root, outbox
     * events). Times are printed for the record, not asserted: speed is the bench's to measure (`selectorate bench`),
     * and a timed assertion fails on a loaded machine without anything being wrong.
     */
    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void oneHundredThousandRowsImportAndFreeze() {
        String c = setUp();
        String csv = Fixtures.members("P", 100_000, c + "-N", c + "-S");
        long start = System.nanoTime();
        given().contentType("text/csv").body(csv).post(path(c)).then().statusCode(200)
                .body("imported", equalTo(100_000));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("IMPORT BENCHMARK: 100000 rows (%d bytes) imported in %d ms%n", csv.length(), millis);
        assertEquals(100_000, count(c));

        String selection = "bench-" + c;
        pool.preparedQuery("insert into selection values ($1, $2, $3, 'bench', date '2026-06-30', 6, true, 1, now())")
                .execute(Tuple.of(selection, c, REGION)).await().indefinitely();
        start = System.nanoTime();
        given().post("/api/membership/selections/" + selection + "/roll/freeze").then().statusCode(201)
                .body("electorate", equalTo(100_000));
        System.out.printf("FREEZE BENCHMARK: 100000 electors frozen in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * A file read as it streams in: while the upload is held after 12,000 rows (the client may keep its last buffer
     * back), the import's progress shows at least 10,000 read and accepted (two chunks written, uncommitted), and a
     * second import of the constituency is refused; released, the file is imported whole and the progress says so.
     */
    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aStreamedFileShowsItsProgressAndHoldsTheConstituencyUntilDone() throws Exception {
        String c = setUp();
        byte[] head = Fixtures.members("S", 12_000, c + "-N", c + "-S").getBytes(StandardCharsets.UTF_8);
        byte[] tail = Fixtures.members("T", 2_000, c + "-N").substring(Fixtures.HEADER.length())
                .getBytes(StandardCharsets.UTF_8);
        CountDownLatch release = new CountDownLatch(1);
        InputStream held = new SequenceInputStream(new ByteArrayInputStream(head), new InputStream() {
            private final InputStream rest = new ByteArrayInputStream(tail);

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return rest.read(b, off, len);
            }
        });
        CompletableFuture<HttpResponse<String>> upload = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path(c)))
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> held)).build(),
                HttpResponse.BodyHandlers.ofString());

        long deadline = System.currentTimeMillis() + 30_000;
        int rows = 0;
        while (rows < 10_000 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            var progress = given().get(path(c) + "/import");
            rows = progress.statusCode() == 200 ? progress.path("rows") : 0;
        }
        var running = given().get(path(c) + "/import").then().statusCode(200)
                .body("state", equalTo("running")).body("rejected", equalTo(0)).extract();
        int read = running.path("rows");
        assertTrue(read >= 10_000 && read < 14_000, "rows read while held: " + read);
        assertEquals(read, (int) running.path("accepted"));
        assertEquals(0, count(c), "nothing is visible before the file's end");
        given().contentType("text/csv").body(Fixtures.HEADER).post(path(c)).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("/members/import"));

        release.countDown();
        HttpResponse<String> answer = upload.get(60, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("\"imported\":14000"), answer.body());
        assertEquals(14_000, count(c));
        given().get(path(c) + "/import").then().statusCode(200)
                .body("state", equalTo("imported")).body("rows", equalTo(14_000)).body("imported", equalTo(14_000))
                .body("file", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"));
    }

    /** A bad row after a chunk has been written: the chunk is rolled back with the rest. */
    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aBadRowAfterWrittenChunksImportsNothing() {
        String c = setUp();
        String bad = Fixtures.members("W", 6_000, c + "-N") + "W1,Ann,Lee,ann@example.org,,,"
                + c + "-N,2020-01-01,active,false\n";
        given().contentType("text/csv").body(bad).post(path(c)).then().statusCode(422)
                .body("rows", equalTo(6_001)).body("imported", equalTo(0)).body("rejected", equalTo(1))
                .body("errors[0].reason", containsString("repeats the membership number of line 3"));
        assertEquals(0, count(c));
        given().get(path(c) + "/import").then().statusCode(200)
                .body("state", equalTo("refused")).body("accepted", equalTo(6_000)).body("imported", equalTo(0))
                .body("errors[0].line", equalTo(6_002));
    }

    @Test
    @Order(2)
    @TestSecurity(user = "sec", roles = "procedures-secretary")
    @OidcSecurity(claims = @Claim(key = "constituencies", value = "CSEC-OWN"))
    void aSecretaryCannotImportMembersEvenIntoTheirOwnConstituency() {
        given().contentType("text/csv").body(Fixtures.HEADER).post(path("CSEC-OWN")).then().statusCode(403)
                .contentType("application/problem+json");
        given().contentType("text/csv").body(Fixtures.HEADER).post(path("CSEC-OTHER")).then().statusCode(403);
    }

    @Test
    @Order(1)
    @TestSecurity(user = "hq", roles = "hq-admin")
    void setUpSecretaryConstituencies() {
        // Created here as HQ so the secretary test above is refused for the role, not for a missing constituency.
        Fixtures.region(REGION);
        for (String c : new String[]{"CSEC-OWN", "CSEC-OTHER"}) {
            given().contentType(io.restassured.http.ContentType.JSON)
                    .body(Map.of("code", c, "name", c, "region", REGION)).post("/api/membership/constituencies");
            given().get("/api/membership/constituencies/" + c).then().statusCode(200);
        }
    }

    @Test
    @TestSecurity(user = "member", roles = "member")
    void aMemberCannotImport() {
        given().contentType("text/csv").body(Fixtures.HEADER).post(path("ANY")).then().statusCode(403)
                .contentType("application/problem+json");
    }

    private static String setUp() {
        String c = Fixtures.code("CI");
        Fixtures.constituency(REGION, c);
        Fixtures.branch(c, c + "-N");
        Fixtures.branch(c, c + "-S");
        return c;
    }

    private static String path(String constituency) {
        return "/api/membership/constituencies/" + constituency + "/members";
    }

    private long count(String constituency) {
        return pool.preparedQuery("select count(*) from member where constituency = $1").execute(Tuple.of(constituency))
                .await().indefinitely().iterator().next().getLong(0);
    }
}
