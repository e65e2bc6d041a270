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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;

import java.util.List;
import java.util.UUID;

@Path("/api/ballots/selections/{id}/steps/{step}")
@Tag(name = "steps", description = "The steps before the final ballot (trigger, nominations) and affiliates' returns")
public class StepResource {
    private final StepService steps;
    private final ReturnService returns;
    private final SecurityIdentity identity;

    public StepResource(StepService steps, ReturnService returns, SecurityIdentity identity) {
        this.steps = steps;
        this.returns = returns;
        this.identity = identity;
    }

    @POST
    @Path("/open")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "openStep", summary = "Open the step (once), with the deadline for affiliates' returns",
            description = "trigger only when the rulebook's steps are trigger (409 no-trigger-step); nominations, "
                    + "where the rulebook has a trigger ballot, only once it closed triggered (409 "
                    + "trigger-not-closed, not-triggered); 409 step-opened the second time")
    public Uni<StepViews.Step> open(@PathParam("id") UUID selectionId, @PathParam("step") String step,
                                    @Valid @NotNull StepViews.Opening opening) {
        return steps.open(selectionId, step, opening.returnsDeadline(), Caller.of(identity));
    }

    @POST
    @Path("/close")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "closeStep",
            summary = "Close the step (once); closing the trigger step counts it from the confirmed returns")
    public Uni<StepViews.Step> close(@PathParam("id") UUID selectionId, @PathParam("step") String step) {
        return steps.close(selectionId, step, Caller.of(identity));
    }

    @GET
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE, Roles.INTEGRATION, Roles.AFFILIATE_OFFICER})
    @Operation(operationId = "getStep",
            summary = "The step; once closed, its outcome (the trigger's every unit's vote, the nominations)",
            description = "An affiliate officer reads the steps of the constituencies their affiliates belong to, "
                    + "to see which is open and the deadline for returns")
    public Uni<StepViews.Step> get(@PathParam("id") UUID selectionId, @PathParam("step") String step) {
        return steps.get(selectionId, step, Caller.of(identity));
    }

    @POST
    @Path("/returns")
    @RolesAllowed(Roles.AFFILIATE_OFFICER)
    @Operation(operationId = "enterStepReturn",
            summary = "An affiliate officer enters the affiliate's return; it counts once another officer "
            + "(or a scrutineer, where the affiliate has one officer) confirms it",
            description = "400 for an affiliate not of the constituency or an invalid vote, 403 for an officer of "
                    + "another affiliate, 409 return-exists, step-not-open, step-closed; after the deadline 409 "
                    + "returns-closed, or with a reason 409 cosign-required with the proposal")
    public Uni<StepViews.Return> enter(@PathParam("id") UUID selectionId, @PathParam("step") String step,
                                       @Valid @NotNull StepViews.ReturnRequest request) {
        return returns.enter(selectionId, step, request, Caller.of(identity));
    }

    @POST
    @Path("/returns/{returnId}/confirm")
    @RolesAllowed({Roles.AFFILIATE_OFFICER, Roles.SCRUTINEER})
    @Operation(operationId = "confirmStepReturn",
            summary = "Confirm a return: another officer of the affiliate, or a scrutineer where it has one")
    public Uni<StepViews.Return> confirm(@PathParam("id") UUID selectionId, @PathParam("step") String step,
                                         @PathParam("returnId") UUID returnId) {
        return returns.confirm(selectionId, step, returnId, Caller.of(identity));
    }

    @GET
    @Path("/returns")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE, Roles.INTEGRATION, Roles.AFFILIATE_OFFICER})
    @Operation(operationId = "listStepReturns",
            summary = "The confirmed returns with their digests; an officer also sees their affiliates' pending ones")
    public Uni<List<StepViews.Return>> list(@PathParam("id") UUID selectionId, @PathParam("step") String step) {
        return returns.list(selectionId, step, Caller.of(identity));
    }
}
