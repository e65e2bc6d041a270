package org.selectorate.ballot.cosign;

import io.smallrye.mutiny.Uni;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.support.caller.Caller;

import java.util.Map;
import java.util.UUID;

/**
 * An action one person may not take alone. {@link Proposals} binds a proposal to the action's {@link #state} when
 * it is proposed; at the co-signature it reads the state again and, only if it is unchanged, {@link #execute}s in
 * the same transaction. {@link Proposals} puts each step on the audit log.
 */
public interface CosignedAction {
    /** The proposal kind this action carries out. */
    String kind();

    /**
     * Whether the caller, who was allowed to attempt the action, may propose it on this selection: by default when
     * their area covers it. An affiliate officer's token names affiliates, not areas (see {@code LateReturn}).
     */
    default boolean proposableBy(Selection selection, Caller caller, Map<String, Object> change) {
        return caller.covers(selection.region, selection.constituency);
    }

    /**
     * What the action depends on, read and locked in the current transaction: a proposal is bound to it, and a
     * co-signature is refused once it has changed. Fails (404, 409) if the action cannot be done now. Values are
     * what RFC 8785 JSON holds: strings, integers, booleans, null, maps and lists.
     *
     * @param change what was proposed, as {@link Proposals.Request#change}
     */
    Uni<Map<String, Object>> state(UUID targetId, Map<String, Object> change);

    /**
     * Does it, in the co-signature's transaction, right after {@link #state} found everything as proposed; answers
     * what it changed, as the audit log keeps it (RFC 8785 JSON values, no personal data beyond what an admin typed).
     */
    Uni<Map<String, Object>> execute(Proposal proposal, Map<String, Object> change, Caller cosigner);

    /**
     * How the audit log names what the action is on, below its selection ({@code candidate/C}, {@code ballot/B},
     * {@code meeting/M}...): the proposal, its co-signature or decline are filed there.
     */
    String target(UUID targetId, Map<String, Object> change);
}
