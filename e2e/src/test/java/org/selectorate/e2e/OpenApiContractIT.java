package org.selectorate.e2e;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The merged OpenAPI document the gateway serves keeps the contract committed as {@code docs/openapi.json}, which
 * integrators generate their clients from (and the build lints): a change that would break such a client fails here
 * unless the committed document, its version and a changelog entry for that version change with it.
 */
@ExtendWith(RunningPlatform.class)
class OpenApiContractIT {
    private static final Path ROOT = Path.of(System.getProperty("selectorate.root", ".."));
    private static final Path COMMITTED = ROOT.resolve("docs/openapi.json");
    private static final Path CHANGELOG = ROOT.resolve("docs/openapi-changelog.md");
    /** Where the live document is written, to be committed when it is meant. */
    private static final Path LIVE = Path.of("target", "openapi", "openapi.json");

    @Test
    void theLiveDocumentBreaksNothingInTheCommittedContract() throws IOException {
        String live = given().get("/q/openapi").then().statusCode(200).extract().asString();
        Files.createDirectories(LIVE.getParent());
        Files.writeString(LIVE, live);
        assertEquals(0, JsonPath.from(live).getList("x-unavailable").size(), "every service answers");

        String committed = Files.readString(COMMITTED);
        ChangedOpenApi diff = OpenApiCompare.fromContents(committed, live);
        String how = "\nIf this is meant: give the contract a new version (MergedOpenApi.VERSION), add its entry to "
                + "docs/openapi-changelog.md and copy " + LIVE.toAbsolutePath() + " to docs/openapi.json.\n";
        assertFalse(diff.isIncompatible(), () -> "the live API breaks clients of docs/openapi.json:\n"
                + render(diff) + how);
        if (diff.isDifferent()) {
            // A compatible change (a new operation, an optional field): fine for existing clients.
            System.out.println("The live API differs compatibly from docs/openapi.json; refresh it from " + LIVE
                    + ":\n" + render(diff));
        }
    }

    @Test
    void theCommittedContractsVersionIsTheLiveOneAndHasAChangelogEntry() throws IOException {
        String version = JsonPath.from(Files.readString(COMMITTED)).getString("info.version");
        given().get("/q/openapi").then().statusCode(200)
                .body("info.version", org.hamcrest.Matchers.equalTo(version));
        String changelog = Files.readString(CHANGELOG);
        assertTrue(Pattern.compile("(?m)^## " + Pattern.quote(version) + "\\b").matcher(changelog).find(),
                "docs/openapi-changelog.md has no \"## " + version + "\" entry");
    }

    private static String render(ChangedOpenApi diff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            new MarkdownRender().render(diff, writer);
        } catch (IOException e) {
            return "(the difference could not be rendered: " + e.getMessage() + ")";
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
