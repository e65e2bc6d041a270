package org.selectorate.ballot.step;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.ballot.area.KnownUnits;
import org.selectorate.ballot.cosign.CosignedAction;
import org.selectorate.ballot.cosign.Proposal;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An affiliate's return entered after its step's deadline, let in once a scrutineer co-signs: bound to the step
 * being still open, the affiliate having made no return since, and the proposer still being its officer. Co-signed,
 * the return is entered as the officer proposed it; it still needs its confirmation like any other.
 */
@ApplicationScoped
public class LateReturn implements CosignedAction {
    public static final String KIND = "late-return";

    private final KnownUnits units;

    public LateReturn(KnownUnits units) {
        this.units = units;
    }

    static Map<String, Object> change(UUID selectionId, String step, String affiliate, String vote, String officer) {
        return Map.of("selection", selectionId.toString(), "step", step, "affiliate", affiliate, "vote", vote,
                "enteredBy", officer);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The officer proposing is reached through the affiliate their token names, not through an area. */
    @Override
    public boolean proposableBy(Selection selection, Caller caller, Map<String, Object> change) {
        return caller.claimsAffiliate((String) change.get("affiliate"));
    }

    @Override
    public Uni<Map<String, Object>> state(UUID targetId, Map<String, Object> change) {
        String step = (String) change.get("step");
        String affiliate = (String) change.get("affiliate");
        UUID selectionId = UUID.fromString((String) change.get("selection"));
        return Selection.<Selection>findById(selectionId)
                .chain(s -> s != null ? Uni.createFrom().item(s) : Uni.createFrom().failure(
                        ProblemException.notFound("selection " + selectionId)))
                .chain(s -> ReturnService.openStep(s, step).chain(st -> AffiliateReturn
                        .count("stepId = ?1 and affiliate = ?2", st.id, affiliate)
                        .chain(standing -> units.isOfficer(affiliate, (String) change.get("enteredBy"))
                                .map(officer -> {
                                    if (standing > 0) {
                                        throw ProblemException.conflict("return-exists", affiliate
                                                + " has already made its return to the " + step + " step");
                                    }
                                    Map<String, Object> state = new LinkedHashMap<>();
                                    state.put("returnsDeadline", st.returnsDeadline.toString());
                                    state.put("open", true);
                                    state.put("returned", false);
                                    state.put("officer", officer);
                                    return state;
                                }))));
    }

    @Override
    public Uni<Map<String, Object>> execute(Proposal proposal, Map<String, Object> change, Caller cosigner) {
        String step = (String) change.get("step");
        return Selection.<Selection>findById(proposal.selectionId)
                .chain(s -> ReturnService.openStep(s, step)
                        .call(st -> ReturnService.validVote(s, step, (String) change.get("vote")))
                        .chain(st -> ReturnService.newReturn(proposal.targetId, st, (String) change.get("affiliate"),
                                (String) change.get("vote"), proposal.proposedBy, proposal.proposerSubject,
                                Instant.now().truncatedTo(ChronoUnit.SECONDS), proposal.id).<AffiliateReturn>persist())
                        .map(r -> StepViews.Return.of(s.id, step, r).audited()));
    }

    @Override
    public String target(UUID targetId, Map<String, Object> change) {
        return "step/" + change.get("step") + "/return/" + targetId;
    }
}
