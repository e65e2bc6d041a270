package org.selectorate.ballot.turnout;

import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestIdentityAssociation;
import io.quarkus.test.security.TestSecurity;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.selectorate.ballot.People;
import org.selectorate.contracts.roll.RollEntries;
import org.selectorate.integrity.blind.BlindVerificationKey;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.selectorate.ballot.FinalBallots.accessCodes;
import static org.selectorate.ballot.FinalBallots.ballot;
import static org.selectorate.ballot.FinalBallots.electors;
import static org.selectorate.ballot.FinalBallots.publicKey;
import static org.selectorate.ballot.FinalBallots.redeem;
import static org.selectorate.ballot.FinalBallots.roll;
import static org.selectorate.ballot.FinalBallots.selection;

/**
 * The marked register is for the area's candidates and scrutineers, after close, and keeps who, by which channel and
 * on which day: nothing that orders the issuances, in what it returns or in how its rows are stored.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class MarkedRegisterTest {
    @Inject
    TestIdentityAssociation identities;

    @Inject
    Pool pool;

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void candidatesAndScrutineersOfTheAreaReadWhoWasIssuedAndOnWhichDayOnlyAfterClose() {
        String selection = selection("Ada", "Mary");
        String constituency = given().get("/api/ballots/selections/" + selection).then().statusCode(200)
                .extract().path("constituency");
        String region = given().get("/api/ballots/selections/" + selection).then().extract().path("region");
        List<RollEntries.Elector> electors = electors(4);
        roll(selection, electors);
        String ballot = ballot(selection);
        String register = "/api/ballots/ballots/" + ballot + "/marked-register";
        given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(200);
        Map<String, String> codes = accessCodes(ballot, 4);
        BlindVerificationKey key = publicKey(ballot);
        LocalDate dayBefore = LocalDate.now(ZoneOffset.UTC);
        // Issued against membership-number order: 3, then 1, then 0.
        for (int i : List.of(3, 1, 0)) {
            redeem(ballot, codes.get(electors.get(i).email()), key).statusCode(200);
        }

        as("cand", Set.of("candidate"), List.of(), List.of(constituency));
        given().get(register).then().statusCode(409).contentType("application/problem+json")
                .body("type", containsString("ballot-not-closed"));
        as("sam", Set.of("scrutineer"), List.of(region), List.of());
        given().get(register).then().statusCode(409).contentType("application/problem+json");
        as("elsewhere", Set.of("scrutineer"), List.of("R-elsewhere"), List.of("C-elsewhere"));
        given().get(register).then().statusCode(404).contentType("application/problem+json");

        as("hq", Set.of("hq-admin"), List.of(), List.of());
        Set<UUID> idsWhileOpen = ids(ballot);
        assertEquals(3, idsWhileOpen.size());
        People.closeEarly(ballot);
        given().get(register).then().statusCode(403).contentType("application/problem+json")
                .body("status", equalTo(403));
        as("reg", Set.of("regional-admin"), List.of(region), List.of());
        given().get(register).then().statusCode(403).contentType("application/problem+json");
        // HQ's reach over every area is no way in for someone who is also a scrutineer elsewhere.
        as("hq-sam", Set.of("hq-admin", "scrutineer"), List.of("R-elsewhere"), List.of());
        given().get(register).then().statusCode(404);

        List<String> sorted = List.of(0, 1, 3).stream().map(i -> electors.get(i).membershipNumber()).toList();
        as("cand", Set.of("candidate"), List.of(), List.of(constituency));
        assertRegister(register, sorted, dayBefore);
        as("sam", Set.of("scrutineer"), List.of(region), List.of());
        assertRegister(register, sorted, dayBefore);

        // Stored: a date and no time; the rows written anew by the close, under fresh ids, in one transaction.
        assertEquals(List.of("date"), column("select data_type from information_schema.columns "
                + "where table_name = 'marked_register' and column_name like 'marked%'", Tuple.tuple()));
        Set<UUID> idsAfterClose = ids(ballot);
        assertEquals(3, idsAfterClose.size());
        assertTrue(idsAfterClose.stream().noneMatch(idsWhileOpen::contains), "the rows were not written anew");
        assertEquals(List.of("1"), column("select count(distinct xmin::text)::text from marked_register "
                + "where ballot_id = $1", Tuple.of(UUID.fromString(ballot))));
        // The access codes' hashes go with the close: they open nothing any more.
        assertEquals(List.of("0"), column("select count(*)::text from access_code where ballot_id = $1",
                Tuple.of(UUID.fromString(ballot))));
    }

    /**
     * Rows in membership-number order, each with the number, the channel, the day (UTC) and whether the member is on
     * the roll, and nothing else.
     */
    private static void assertRegister(String register, List<String> membershipNumbers, LocalDate dayBefore) {
        List<Map<String, Object>> rows = given().get(register).then().statusCode(200)
                .body("membershipNumber", contains(membershipNumbers.toArray()))
                .body("channel", everyItem(equalTo("online")))
                .extract().path("$");
        for (Map<String, Object> row : rows) {
            assertEquals(Set.of("membershipNumber", "channel", "markedOn", "onRoll"), row.keySet());
            assertEquals(true, row.get("onRoll"));
            LocalDate day = LocalDate.parse((String) row.get("markedOn"));
            assertTrue(!day.isBefore(dayBefore) && !day.isAfter(LocalDate.now(ZoneOffset.UTC)), row.toString());
        }
    }

    private Set<UUID> ids(String ballot) {
        return Set.copyOf(column("select id::text from marked_register where ballot_id = $1",
                Tuple.of(UUID.fromString(ballot))).stream().map(UUID::fromString).toList());
    }

    private List<String> column(String sql, Tuple parameters) {
        return StreamSupport.stream(pool.preparedQuery(sql).execute(parameters).await().indefinitely().spliterator(),
                false).map((Row row) -> row.getString(0)).toList();
    }

    private void as(String user, Set<String> roles, List<String> regions, List<String> constituencies) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(user);
        claims.setClaim("preferred_username", user);
        claims.setClaim("regions", regions);
        claims.setClaim("constituencies", constituencies);
        identities.setTestIdentity(QuarkusSecurityIdentity.builder()
                .setPrincipal(new DefaultJWTCallerPrincipal(claims)).addRoles(roles).build());
    }
}
