package org.selectorate.notification.member;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/notifications/public/ballots/{ballotId}/receipts")
@Tag(name = "receipts", description = "A voter's receipt: their tracker, mailed to the address held at the freeze")
public class ReceiptResource {
    private final ReceiptService receipts;

    public ReceiptResource(ReceiptService receipts) {
        this.receipts = receipts;
    }

    @POST
    @Operation(summary = "Ask for a receipt of your vote: {accessCode, tracker}",
            description = "Anonymous. The receipt is mailed to the address your access code was sent to, once the "
                    + "tracker is on the ballot's public record. 202 {ballotId, tracker, requestedAt}; 400 for a "
                    + "malformed code or tracker; 404 for a code that was not sent for this ballot; 409 if a receipt "
                    + "was already asked for with this code.")
    public Uni<Response> request(@PathParam("ballotId") String ballotId, ReceiptService.ReceiptRequest request) {
        return receipts.request(ballotId, request).map(r -> Response.accepted(r).build());
    }
}
