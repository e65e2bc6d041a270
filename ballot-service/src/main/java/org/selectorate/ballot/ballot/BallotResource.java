package org.selectorate.ballot.ballot;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.outbox.OutboxRelay;

import java.util.UUID;

@Path("/api/ballots/ballots")
@Tag(name = "ballots", description = "Final ballots: opening, closing")
public class BallotResource {

    private final BallotService ballots;
    private final SecurityIdentity identity;
    private final OutboxRelay relay;

    public BallotResource(BallotService ballots, SecurityIdentity identity, OutboxRelay relay) {
        this.ballots = ballots;
        this.identity = identity;
        this.relay = relay;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE, Roles.INTEGRATION})
    @Operation(operationId = "getBallot", summary = "A ballot: status, times, paper, published key")
    public Uni<BallotViews.BallotView> get(@PathParam("id") UUID id) {
        return ballots.get(id, Caller.of(identity));
    }

    @POST
    @Path("/{id}/open")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "openBallot",
            summary = "Open the ballot: key pair, BallotOpened, an access code to every elector",
            description = "Refused (409) unless the latest roll version has fully arrived and at least two "
                    + "candidates stand.")
    public Uni<BallotViews.BallotView> open(@PathParam("id") UUID id) {
        Caller caller = Caller.of(identity);
        return ballots.requireOpenable(id, caller).chain(IssuerKeys::generate).chain(key -> ballots.open(id, key, caller));
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "closeBallot",
            summary = "Close the ballot; BallotClosed carries the marked register's counts per channel",
            description = "Before the ballot's closesAt the close needs a scrutineer's co-signature: 409 "
                    + "cosign-required with the proposal it became (the body's `reason` is then required). With "
                    + "`at`, the proposal brings the close forward to that time instead (the timetable then closes "
                    + "it, as at any closing time, and the committee is told of the new time): so a round's "
                    + "ballots can close together. 400 if `at` is not after now and before closesAt.")
    public Uni<BallotViews.BallotView> close(@PathParam("id") UUID id, @Valid BallotViews.CloseRequest request) {
        return ballots.close(id, request == null ? null : request.reason(), request == null ? null : request.at(),
                Caller.of(identity)).invoke(relay::nudge);
    }
}
