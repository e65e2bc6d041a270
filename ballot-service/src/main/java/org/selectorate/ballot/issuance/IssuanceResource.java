package org.selectorate.ballot.issuance;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/ballots/public/ballots/{id}/credentials")
@Tag(name = "public")
public class IssuanceResource {
    private final IssuanceService issuance;

    public IssuanceResource(IssuanceService issuance) {
        this.issuance = issuance;
    }

    @POST
    @PermitAll
    @Operation(operationId = "issueCredential",
            summary = "Redeem an access code for a blind signature on the voter's blinded token (anonymous)",
            description = "RFC 9474: send the blinded message, unblind the answer on the voter's device. Once per "
                    + "member: a second request gets 409. The member is recorded in the marked register.")
    public Uni<IssuanceService.CredentialResponse> issue(@PathParam("id") UUID id,
                                                          @Valid @NotNull IssuanceService.CredentialRequest request) {
        return issuance.issue(id, request);
    }
}
