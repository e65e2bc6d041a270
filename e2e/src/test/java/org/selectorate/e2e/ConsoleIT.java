package org.selectorate.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;
import org.selectorate.cli.demo.Api;
import org.selectorate.cli.demo.Members;
import org.selectorate.devstack.Stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in a real browser: an HQ admin logs in through Keycloak (authorization code with PKCE), creates a
 * selection, imports a members file with bad rows (the report is shown and nothing is imported), then a good one,
 * freezes the roll, adds candidates, schedules and opens the ballot and proposes to close it early; a scrutineer
 * sees the selection read-only, co-signs the close and reads its steps before the final ballot; a regional admin
 * of another region, logged in the same way, does not see that selection. Screenshots and axe-core at each step, as {@link PagesIT}.
 */
@ExtendWith(RunningPlatform.class)
class ConsoleIT {
    private static final Duration EVENTUAL = Duration.ofSeconds(90);

    private final Stack stack = RunningPlatform.devstack().stack();
    private final Api api = new Api(stack.gatewayUrl(), stack.issuer(), stack.clientSecret(Stack.SERVICES_CLIENT));

    @Test
    void hqRunsASelectionFromTheConsoleAScrutineerCoSignsAndARegionalAdminElsewhereDoesNotSeeIt() throws Exception {
        String admin = api.token("hq", "hq-demo");
        String constituency = "K" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-C";
        api.post(admin, "/api/membership/regions", Map.of("code", "DEMO", "name", "Region DEMO")).expect(201, 409);
        api.post(admin, "/api/membership/constituencies",
                Map.of("code", constituency, "name", "Constituency " + constituency, "region", "DEMO")).expect(201);
        List<String> branches = List.of(constituency + "-B1", constituency + "-B2");
        for (String branch : branches) {
            api.post(admin, "/api/membership/branches",
                    Map.of("code", branch, "name", "Branch " + branch, "constituency", constituency)).expect(201);
        }
        LocalDate freeze = LocalDate.now(ZoneOffset.UTC);
        String good = Members.generate(constituency, branches, 12, freeze, 31).csv();
        Path goodFile = Files.writeString(Files.createTempFile(Path.of("target"), "members-", ".csv"), good);
        Path badFile = Files.writeString(Files.createTempFile(Path.of("target"), "members-bad-", ".csv"),
                good + "BAD1,No,Email,not-an-email,,," + branches.get(0) + ",2015-01-01,active,false\n");
        String title = "Console selection for " + constituency;
        // ballot-service learns the constituency from membership-service's event before it takes a selection there.
        api.until(() -> api.get(admin, "/api/ballots/constituencies"), java.util.Set.of(), EVENTUAL);

        String selection;
        try (Browser browser = new Browser()) {
            login(browser, "hq", "hq-demo");
            browser.shown("view-list", EVENTUAL);
            browser.step("console-1-selections");

            browser.open(stack.gatewayUrl() + "/console#/new");
            browser.shown("view-create", EVENTUAL);
            browser.type("f-title", title);
            browser.find("create-submit").click();
            browser.shown("error", EVENTUAL);
            browser.step("console-2-create-errors");
            browser.type("f-constituency", constituency);
            browser.script("const f = document.getElementById('f-freezeDate'); f.value = arguments[0];"
                    + "f.dispatchEvent(new Event('input', {bubbles: true}));", freeze.toString());
            retryUntilShown(browser, "create-submit", "view-selection");
            assertEquals(title, browser.find("sel-title").getText());

            browser.find("csv-file").sendKeys(badFile.toAbsolutePath().toString());
            browser.find("import-submit").click();
            browser.shown("import-report", EVENTUAL);
            assertTrue(browser.find("import-outcome").getText().contains("Nothing was imported"),
                    browser.find("import-outcome").getText());
            assertTrue(browser.find("import-errors").isDisplayed(), "the bad rows are listed");
            browser.step("console-3-import-refused");
            browser.find("csv-file").sendKeys(goodFile.toAbsolutePath().toString());
            browser.find("import-submit").click();
            // The generated file also holds members the rulebook leaves off the roll: all are imported, 12 are electors.
            awaitText(browser, "import-imported", String.valueOf(good.lines().count() - 1));

            retryUntilShown(browser, "freeze", "roll-facts");
            assertTrue(browser.find("roll-root").getText().matches("[0-9a-f]{64}"), browser.find("roll-root").getText());
            assertEquals("12", browser.find("roll-electorate").getText().replaceAll("\\D", ""));

            for (String name : List.of("Alex Rivera", "Bilal Chaudhry")) {
                browser.type("c-name", name);
                browser.find("candidate-submit").click();
                awaitCount(browser, "#candidate-list li", name.equals("Alex Rivera") ? 1 : 2);
            }
            LocalDateTime closes = LocalDateTime.ofInstant(Instant.now().plus(2, ChronoUnit.HOURS), ZoneOffset.UTC)
                    .truncatedTo(ChronoUnit.MINUTES);
            browser.script("const f = document.getElementById('closes-at'); f.value = arguments[0];"
                    + "f.dispatchEvent(new Event('input', {bubbles: true}));", closes.toString());
            browser.find("schedule-submit").click();
            browser.shown("ballot-body", EVENTUAL);
            retryUntilText(browser, "open-ballot", "ballot-status", "members are voting");
            browser.step("console-4-selection-open");
            selection = browser.url().replaceAll(".*#/selections/", "");

            // Closing early is a proposal until a scrutineer co-signs it.
            browser.type("close-reason", "every elector has voted");
            browser.find("close-ballot").click();
            browser.shown("cosign-needed", EVENTUAL);
            assertTrue(browser.find("cosign-digest").getText().matches("[0-9a-f]{64}"));
            assertTrue(browser.find("ballot-status").getText().toLowerCase().contains("open"));
        }

        try (Browser browser = new Browser()) {
            login(browser, "scrutineer", "scrutineer-demo");
            browser.open(stack.gatewayUrl() + "/console#/selections/" + selection);
            browser.shown("view-selection", EVENTUAL);
            assertTrue(browser.find("sel-readonly").isDisplayed(), "a scrutineer's view says it is read-only");
            assertFalse(browser.find("members").isDisplayed(), "no import for a scrutineer");
            awaitCount(browser, "#proposal-list li", 1);
            browser.step("console-5-scrutineer");
            WebElement reason = browser.all("#proposal-list input").get(0);
            reason.sendKeys("checked the turnout with the agents");
            browser.all("#proposal-list button").get(0).click();
            awaitText(browser, "ballot-status", "losed");

            // The steps before the final ballot, read-only: this selection's rulebook has no trigger ballot.
            browser.open(stack.gatewayUrl() + "/console#/selections/" + selection + "/steps");
            browser.shown("view-steps", EVENTUAL);
            awaitText(browser, "nominations-status", "Not opened yet");
            assertFalse(browser.find("trigger-open-form").isDisplayed(), "a scrutineer opens no step");
            browser.step("console-6-steps");
        }

        try (Browser browser = new Browser()) {
            login(browser, "regional", "regional-demo");
            browser.shown("view-list", EVENTUAL);
            List<String> seen = browser.all("#selection-rows tr").stream().map(WebElement::getText).toList();
            assertFalse(seen.stream().anyMatch(row -> row.contains(title)),
                    "the regional admin of NW sees no DEMO selection: " + seen);
        }
    }

    /** Through Keycloak's own login page, back to the console with a code, exchanged with the PKCE verifier. */
    private void login(Browser browser, String user, String password) {
        browser.open(stack.gatewayUrl() + "/console");
        browser.shown("login", EVENTUAL).click();
        browser.shown("username", EVENTUAL);
        assertTrue(browser.url().startsWith(stack.issuer()), browser.url());
        assertTrue(browser.url().contains("code_challenge_method=S256"), browser.url());
        browser.type("username", user);
        browser.type("password", password);
        browser.find("kc-login").click();
        browser.shown("who-bar", EVENTUAL);
        assertFalse(browser.url().contains("code="), "the code leaves the address bar: " + browser.url());
    }

    /** Clicks until the result shows: services learn of a new selection or ballot a moment after it is made. */
    private static void retryUntilShown(Browser browser, String button, String shown) throws InterruptedException {
        Instant deadline = Instant.now().plus(EVENTUAL);
        while (true) {
            browser.find(button).click();
            try {
                browser.shown(shown, Duration.ofSeconds(5));
                return;
            } catch (org.openqa.selenium.TimeoutException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError(shown + " not shown after " + button + ": "
                            + browser.find("error-text").getText(), e);
                }
            }
        }
    }

    private static void retryUntilText(Browser browser, String button, String id, String text) throws InterruptedException {
        Instant deadline = Instant.now().plus(EVENTUAL);
        while (!browser.find(id).getText().toLowerCase().contains(text)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(id + " never said " + text + ": " + browser.find("error-text").getText());
            }
            if (browser.find(button).isDisplayed() && browser.find(button).isEnabled()) {
                browser.find(button).click();
            }
            Thread.sleep(2000);
        }
    }

    private static void awaitText(Browser browser, String id, String text) throws InterruptedException {
        Instant deadline = Instant.now().plus(EVENTUAL);
        while (!browser.find(id).getText().contains(text)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(id + " never said " + text + ": " + browser.find(id).getText());
            }
            Thread.sleep(500);
        }
    }

    private static void awaitCount(Browser browser, String css, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(EVENTUAL);
        while (browser.all(css).size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(css + ": " + browser.all(css).size() + " of " + count);
            }
            Thread.sleep(500);
        }
    }
}
