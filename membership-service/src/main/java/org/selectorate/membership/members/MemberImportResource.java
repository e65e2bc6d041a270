package org.selectorate.membership.members;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.Problem;

import java.io.InputStream;
import java.net.URI;
import java.util.List;

@Path("/api/membership/constituencies/{code}/members")
@Tag(name = "members", description = "A constituency's members, imported from CSV")
public class MemberImportResource {
    private static final String DESCRIPTION = """
            Upload the constituency's members as CSV (`Content-Type: text/csv`, UTF-8). The first row must name \
            these columns, in any order: `membership_number,first_name,last_name,email,phone,address,branch,joined,\
            status,arrears`. `membership_number`: 1-40 letters, digits or '-'; `first_name`, `last_name`: \
            required; `email`: required; `phone`, `address`: optional (quote fields holding commas, RFC 4180); \
            `branch`: the code of one of the constituency's branches; `joined`: ISO date (YYYY-MM-DD), not in the \
            future; `status`: active, lapsed or suspended; `arrears`: true or false.

            Every row is validated and the answer reports `{rows, imported, rejected, errors: [{line, field, \
            reason}]}` (line 1 is the header; at most 1,000 reasons are listed). **A file with any bad row imports \
            nothing**: the answer is 422 problem details carrying the same report. With `?acceptValid=true` the \
            good rows are imported and the bad ones reported (200). Re-importing a membership number already \
            held for the constituency updates that member; frozen rolls keep the contact held at the freeze, and \
            every new email publishes MemberContactChanged (the previous address is told, naming the open \
            selections whose roll holds the member). HQ, or a regional admin in their region.

            The file is read as it arrives and written in chunks in one transaction, so a national roll streams \
            through; while it does, `GET` on `/members/import` shows how far it has got. One import of a \
            constituency runs at a time: another gets 409 `import-running`.""";
    private static final String CSV_EXAMPLE = """
            membership_number,first_name,last_name,email,phone,address,branch,joined,status,arrears
            NW-001-000123,Sam,Okafor,sam.okafor@example.org,0161 496 0123,"12 High Street, Ashworth, AB1 2CD",\
            NW-001-B1,2019-04-15,active,false
            NW-001-000124,Lena,Marsh,lena.marsh@example.org,,,NW-001-B2,2023-09-01,active,false
            """;
    private static final String PROGRESS = """
            The constituency's running or latest members import: `state` (running, imported, refused: bad rows or \
            header and nothing written, failed), `rows` read so far, `accepted` (valid) and `rejected` rows, and at \
            its end `imported`, the reasons for rejected rows (`errors`, as the import's answer), `detail` and the \
            file's SHA-256. Updated every 5,000 rows; what a console or CLI polls while a large file uploads.""";

    private final MemberImportService imports;
    private final ImportProgress progress;
    private final SecurityIdentity identity;

    public MemberImportResource(MemberImportService imports, ImportProgress progress, SecurityIdentity identity) {
        this.imports = imports;
        this.progress = progress;
        this.identity = identity;
    }

    @GET
    @Path("/import")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "getMemberImportProgress",
            summary = "How far the constituency's members import has got", description = PROGRESS)
    public Uni<ImportProgress.Status> importProgress(@PathParam("code") String code) {
        return progress.status(code, Caller.of(identity));
    }

    @POST
    @Blocking
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    // Not the procedures secretary: the membership list comes from the party's own records through its admins, and
    // one constituency's officer rewriting it is the edit the roll exists to prevent.
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "importMembers",
            summary = "Import the constituency's members from CSV", description = DESCRIPTION)
    @APIResponse(responseCode = "200", description = "Imported: what was read, written and refused",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportReport.class)))
    @APIResponse(responseCode = "422", description = "A row is invalid and acceptValid is not set: nothing was "
            + "imported; the problem details carry the report's rows, imported, rejected and errors")
    public Uni<Response> importMembers(@PathParam("code") String code,
                                       @Parameter(description = "import the good rows even if some are bad")
                                       @QueryParam("acceptValid") @DefaultValue("false") boolean acceptValid,
                                       @RequestBody(content = {
                                               @Content(mediaType = "text/csv", example = CSV_EXAMPLE,
                                                       schema = @Schema(type = SchemaType.STRING, format = "binary")),
                                               @Content(mediaType = MediaType.TEXT_PLAIN, example = CSV_EXAMPLE,
                                                       schema = @Schema(type = SchemaType.STRING, format = "binary"))})
                                       InputStream body) {
        Caller caller = Caller.of(identity);
        return imports.importCsv(code, caller, acceptValid, body).map(outcome -> {
            ImportReport report = outcome.report();
            if (outcome.written()) {
                return Response.ok(report).build();
            }
            return Response.status(422).type(Problem.MEDIA_TYPE)
                    .entity(new ImportProblem(URI.create("https://selectorate.org/problems/invalid-rows"),
                            "The file has invalid rows", 422,
                            report.rejected() + " of " + report.rows() + " rows are invalid; nothing was imported"
                                    + " (send ?acceptValid=true to import the valid rows)",
                            URI.create("/api/membership/constituencies/" + code + "/members"),
                            report.rows(), report.imported(), report.rejected(), report.errors()))
                    .build();
        });
    }

    /** RFC 9457 problem details whose extension members are the import report. */
    public record ImportProblem(URI type, String title, int status, String detail, URI instance,
                                int rows, int imported, int rejected, List<ImportReport.RowError> errors) {
    }
}
