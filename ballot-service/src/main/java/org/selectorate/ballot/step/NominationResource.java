package org.selectorate.ballot.step;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;

import java.util.UUID;

/** Candidates' nominations and the shortlist; the nominations step itself is under {@code /steps/nominations}. */
@Path("/api/ballots/selections/{id}")
@Tag(name = "steps")
public class NominationResource {
    private final NominationService nominations;
    private final SecurityIdentity identity;

    public NominationResource(NominationService nominations, SecurityIdentity identity) {
        this.nominations = nominations;
        this.identity = identity;
    }

    @GET
    @Path("/nominations")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE, Roles.INTEGRATION})
    @Operation(operationId = "getNominations",
            summary = "The nominations step, every candidate with their nominations, and the shortlist")
    public Uni<NominationViews.Nominations> get(@PathParam("id") UUID selectionId) {
        return nominations.get(selectionId, Caller.of(identity));
    }

    @POST
    @Path("/shortlist")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY})
    @Operation(operationId = "setShortlist",
            summary = "Set the shortlist by hand (once, after nominations close), where the rulebook has no "
            + "nomination thresholds; TimetableEvent shortlist",
            description = "Every id must be a standing candidate of the selection; 400 names the others. 409 "
                    + "shortlist-automatic under a rulebook with thresholds, nominations-not-closed, shortlist-exists")
    public Uni<NominationViews.Nominations> shortlist(@PathParam("id") UUID selectionId,
                                                      @Valid @NotNull NominationViews.ShortlistRequest request) {
        return nominations.shortlist(selectionId, request.candidates(), Caller.of(identity));
    }

    @POST
    @Path("/shortlist/additions")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY})
    @Operation(operationId = "proposeShortlistAddition",
            summary = "Propose adding a candidate to a shortlist the thresholds set, as the rulebook allows",
            description = "Always 409 cosign-required with the shortlist-addition proposal (reason required, 400 "
                    + "without), done when a scrutineer co-signs. 400 for anyone but a standing candidate; 409 "
                    + "shortlist-not-automatic, shortlist-not-set, already-shortlisted, additions-exhausted")
    // What a Void method answers; not sent while every addition waits for a co-signature (the 409 above).
    @APIResponse(responseCode = "204", description = "Added (not answered today: see the 409 cosign-required)")
    public Uni<Void> propose(@PathParam("id") UUID selectionId,
                             @Valid @NotNull NominationViews.AdditionRequest request) {
        return nominations.proposeAddition(selectionId, request, Caller.of(identity));
    }
}
