package org.selectorate.e2e;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.selectorate.cli.demo.Api;
import org.selectorate.cli.demo.DemoSelection;
import org.selectorate.cli.demo.Mailbox;
import org.selectorate.cli.demo.Members;
import org.selectorate.cli.demo.Voter;
import org.selectorate.devstack.Stack;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public pages in a real browser against the launcher-started platform: a member opens the link from the mail
 * the SMTP server actually received, votes, and after the close finds their vote on the record page, checked in
 * the browser, with the result's charts; a member checks they are on the roll. Every step is screenshot under
 * {@code e2e/target/screenshots/} and checked with axe-core (no serious or critical WCAG 2.2 AA finding), and each
 * page is read at 320 px wide without sideways scrolling.
 */
@ExtendWith(RunningPlatform.class)
class PagesIT {
    private static final List<String> CANDIDATES = List.of("Alex Rivera", "Bilal Chaudhry", "Catherine Osei");
    private static final Duration EVENTUAL = Duration.ofSeconds(90);

    private final Stack stack = RunningPlatform.devstack().stack();
    private final Api api = new Api(stack.gatewayUrl(), stack.issuer(), stack.clientSecret(Stack.SERVICES_CLIENT));
    private final Mailbox mailbox = new Mailbox(stack.mailApiUrl());
    private final DemoSelection demo = new DemoSelection(api, mailbox, api.token("hq", "hq-demo"), System.out::println);

    @Test
    void aMemberVotesFromTheMailedLinkThenFindsTheirVoteAndTheResultOnTheRecordPage() {
        String constituency = "P" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-C";
        DemoSelection.Opened opened = demo.open("DEMO", constituency, 8, CANDIDATES, 23, List.of());
        Members.Member member = opened.members().eligible().get(0);
        String link = mailbox.voteLink(member.email(), opened.ballotId(), EVENTUAL);
        assertTrue(link.startsWith(stack.gatewayUrl() + "/vote/" + opened.ballotId() + "#code="), link);
        List<String> ranking = List.of("Catherine Osei", "Alex Rivera");

        String tracker;
        try (Browser browser = new Browser()) {
            browser.open(link);
            browser.shown("step-code", EVENTUAL);
            browser.step("vote-1-code");
            browser.find("code-submit").click();
            browser.shown("step-rank", EVENTUAL);
            assertFalse(browser.url().contains("code="), "the code leaves the address bar once used: " + browser.url());
            for (WebElement select : browser.all("#rank-list select")) {
                int place = ranking.indexOf(select.getDomAttribute("data-candidate"));
                new Select(select).selectByValue(String.valueOf(place + 1));
            }
            browser.step("vote-2-rank");
            browser.find("rank-submit").click();
            browser.shown("step-confirm", EVENTUAL);
            assertEquals(List.of("1st choice: Catherine Osei", "2nd choice: Alex Rivera"),
                    browser.all("#confirm-list li").stream().map(WebElement::getText).toList());
            browser.step("vote-3-confirm");
            browser.find("cast").click();
            // The page holds the cast a random time of up to 20 s before sending it.
            browser.shown("step-done", EVENTUAL);
            tracker = browser.find("tracker").getText();
            assertTrue(tracker.matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}"), tracker);
            browser.step("vote-4-tracker");
            browser.width(320);
            assertEquals(Boolean.TRUE, browser.script("const box = document.getElementById('tracker').parentElement;"
                    + "return box.scrollWidth <= box.clientWidth;"), "the whole tracker shows on a 320 px screen");
        }

        // A few more members vote with the reference client, so the count has stages to show.
        Voter.PublishedBallot ballot = Voter.PublishedBallot.fetch(api, opened.ballotId());
        List<List<String>> others = List.of(List.of("Alex Rivera"), List.of("Bilal Chaudhry", "Alex Rivera"),
                List.of("Alex Rivera", "Catherine Osei"), List.of("Bilal Chaudhry"));
        for (int i = 0; i < others.size(); i++) {
            Members.Member voter = opened.members().eligible().get(i + 1);
            new Voter(api).vote(ballot, mailbox.accessCode(voter.email(), opened.ballotId(), EVENTUAL), others.get(i));
        }
        demo.closeAndCount(opened, api.token("scrutineer", "scrutineer-demo"));

        try (Browser browser = new Browser()) {
            browser.open(stack.gatewayUrl() + "/record/" + opened.ballotId());
            browser.shown("result-body", EVENTUAL);
            assertEquals("Elected: Alex Rivera.", browser.find("elected").getText());
            assertTrue(browser.all("#stages canvas").size() >= 2, "a chart per stage of the count");
            browser.type("tracker", tracker.toLowerCase().replace("-", " "));
            browser.find("find-submit").click();
            browser.shown("found", EVENTUAL);
            assertEquals(ranking, browser.all("#found-vote li").stream().map(WebElement::getText).toList(),
                    "the entry found by the tracker is the ranking chosen on the vote page");
            List<String> checks = browser.all("#found-checks li").stream().map(WebElement::getText).toList();
            assertEquals(3, checks.size());
            assertTrue(checks.stream().allMatch(c -> c.startsWith("Passed:")), checks.toString());
            assertTrue(browser.all("#head-checks li").get(0).getText().startsWith("Passed:"));
            browser.step("record-1-found-and-result");
        }
    }

    @Test
    void aMemberChecksTheyAreOnTheRollAndAWrongEmailSaysNothingMore() {
        String constituency = "R" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-C";
        DemoSelection.Prepared prepared = demo.prepare("DEMO", constituency, 5, CANDIDATES, 29, List.of(),
                java.util.Map.of());
        Members.Member member = prepared.members().eligible().get(0);
        try (Browser browser = new Browser()) {
            browser.open(stack.gatewayUrl() + "/roll/" + prepared.selectionId());
            browser.type("number", member.number());
            browser.type("email", "someone.else@example.org");
            browser.find("roll-submit").click();
            browser.shown("not-on-roll", EVENTUAL);
            browser.type("email", member.email());
            browser.find("roll-submit").click();
            browser.shown("entry", EVENTUAL);
            assertEquals(member.name(), browser.find("entry-name").getText());
            List<String> checks = browser.all("#entry-checks li").stream().map(WebElement::getText).toList();
            assertEquals(2, checks.size());
            assertTrue(checks.stream().allMatch(c -> c.startsWith("Passed:")), checks.toString());
            browser.step("roll-1-on-the-roll");
        }
    }

    @Test
    void pagesGoOutWithAStrictPolicyAndABadIdIsAProblem() {
        Response page = given().get("/vote/" + UUID.randomUUID());
        assertEquals(200, page.statusCode());
        String policy = page.header("Content-Security-Policy");
        assertTrue(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'")
                && !policy.contains("unsafe-inline"), policy);
        assertEquals("no-referrer", page.header("Referrer-Policy"));
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        given().get("/assets/style.css").then().statusCode(200).header("Content-Security-Policy", policy);
        given().get("/record/not-a-ballot").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("UUID"));
    }
}
