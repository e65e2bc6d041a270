package org.selectorate.ballot.step;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.ballot.cosign.CosignedAction;
import org.selectorate.ballot.cosign.Proposal;
import org.selectorate.ballot.selection.Candidate;
import org.selectorate.ballot.selection.Rulebook;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The procedures committee adds a candidate to a shortlist the rulebook's thresholds set, as far as the rulebook
 * allows ({@code nominations.committeeAdditions}): proposed with a reason by an admin or the procedures secretary,
 * done once a scrutineer co-signs. Bound to the candidate standing and not shortlisted, and to how many additions
 * have been made: of two proposals racing for the last addition, the second co-signature finds the state changed.
 */
@ApplicationScoped
public class CommitteeAddition implements CosignedAction {
    public static final String KIND = "shortlist-addition";
    /** Where the audit log files the shortlist, below its selection. */
    static final String TARGET = "shortlist";

    private final NominationService nominations;

    public CommitteeAddition(NominationService nominations) {
        this.nominations = nominations;
    }

    static Map<String, Object> change(UUID selectionId, UUID candidateId) {
        return Map.of("selection", selectionId.toString(), "candidate", candidateId.toString());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Uni<Map<String, Object>> state(UUID targetId, Map<String, Object> change) {
        return bound(targetId, change);
    }

    /**
     * 409 unless the rulebook's thresholds set the shortlist ({@code shortlist-not-automatic}), it has been set
     * ({@code shortlist-not-set}), the candidate is not on it ({@code already-shortlisted}) and the rulebook allows
     * another addition ({@code additions-exhausted}); 400 for anyone but a standing candidate of the selection.
     */
    static Uni<Map<String, Object>> bound(UUID candidateId, Map<String, Object> change) {
        UUID selectionId = UUID.fromString((String) change.get("selection"));
        return Selection.<Selection>findById(selectionId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("selection " + selectionId))
                .chain(s -> Rulebook.current(s).chain(r -> SelectionStep.lock(s.id, SelectionStep.NOMINATIONS)
                        .chain(st -> {
                            if (!NominationService.automatic(r)) {
                                throw ProblemException.conflict("shortlist-not-automatic", "the rulebook sets no "
                                        + "nomination thresholds: the committee sets the whole shortlist");
                            }
                            if (st == null || st.shortlistedAt == null) {
                                throw ProblemException.conflict("shortlist-not-set", "the thresholds set the "
                                        + "shortlist when the nominations step closes; additions come after");
                            }
                            int allowed = r.stepRules().nominations().committeeAdditions();
                            return Candidate.<Candidate>findById(candidateId).chain(c -> {
                                if (c == null || !c.selectionId.equals(s.id) || c.withdrawnAt != null) {
                                    throw ProblemException.badRequest("the addition is not valid", List.of(
                                            "candidate: " + candidateId + " is not a standing candidate of this "
                                                    + "selection"));
                                }
                                return ShortlistPlace.<ShortlistPlace>list("selectionId", s.id).map(places -> {
                                    if (places.stream().anyMatch(p -> p.candidateId.equals(c.id))) {
                                        throw ProblemException.conflict("already-shortlisted", c.name
                                                + " is already on the shortlist");
                                    }
                                    long made = places.stream()
                                            .filter(p -> ShortlistPlace.COMMITTEE.equals(p.basis)).count();
                                    if (made >= allowed) {
                                        throw ProblemException.conflict("additions-exhausted", "the rulebook "
                                                + "allows the committee " + allowed + " addition(s) to the "
                                                + "shortlist, and " + made + " made");
                                    }
                                    Map<String, Object> state = new LinkedHashMap<>();
                                    state.put("candidate", c.name);
                                    state.put("shortlisted", false);
                                    state.put("places", places.size());
                                    state.put("committeeAdditions", made);
                                    state.put("allowed", allowed);
                                    return state;
                                });
                            });
                        })));
    }

    /** Adds the candidate at the end of the shortlist, with the proposer's reason, and tells the committee. */
    @Override
    public Uni<Map<String, Object>> execute(Proposal proposal, Map<String, Object> change, Caller cosigner) {
        Instant now = Instant.now();
        return Selection.<Selection>findById(proposal.selectionId).chain(s -> ShortlistPlace
                .<ShortlistPlace>list("selectionId = ?1 order by place", s.id)
                .chain(places -> Candidate.<Candidate>findById(proposal.targetId).chain(c -> {
                    ShortlistPlace added = ShortlistPlace.of(s.id, c.id, places.size() + 1, ShortlistPlace.COMMITTEE,
                            proposal.reason, proposal.id, now, proposal.proposedBy);
                    List<UUID> ids = new ArrayList<>(places.stream().map(p -> p.candidateId).toList());
                    ids.add(c.id);
                    return added.persist()
                            .chain(() -> Candidate.<Candidate>list("id in ?1", ids))
                            .chain(listed -> nominations.announce(s, now, ids.stream().map(id -> listed.stream()
                                            .filter(x -> x.id.equals(id)).findFirst().orElseThrow()).toList(),
                                    " (" + c.name + " added by the procedures committee)"))
                            .replaceWith(() -> {
                                Map<String, Object> done = new LinkedHashMap<>();
                                done.put("candidate", c.name);
                                done.put("basis", ShortlistPlace.COMMITTEE);
                                done.put("place", added.place);
                                return done;
                            });
                })));
    }

    @Override
    public String target(UUID targetId, Map<String, Object> change) {
        return TARGET;
    }
}
