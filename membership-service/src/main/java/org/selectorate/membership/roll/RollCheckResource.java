package org.selectorate.membership.roll;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/membership/public/selections/{id}/roll/check")
@Tag(name = "roll check", description = "Anonymous: a member checks they are on the roll")
public class RollCheckResource {
    private final RollCheckService checks;

    public RollCheckResource(RollCheckService checks) {
        this.checks = checks;
    }

    @POST
    @PermitAll
    @Operation(operationId = "checkRoll",
            summary = "Am I on the roll? Membership number and email both matching gives the entry and its proof",
            description = "On a match: {onRoll: true, version, leafIndex, leaf (RFC 8785 JSON), leafHash, proof "
                    + "(RFC 9162 audit path, hex), treeSize, root}. Otherwise {onRoll: false}, whichever was wrong.")
    public Uni<RollCheckService.CheckAnswer> check(@PathParam("id") String id,
                                                   @Valid @NotNull RollCheckService.CheckRequest request) {
        return checks.check(id, request);
    }
}
