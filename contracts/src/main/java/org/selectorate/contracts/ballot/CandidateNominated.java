package org.selectorate.contracts.ballot;

import java.util.List;

/**
 * A candidate stands in a selection, or their accounts changed (topic {@code selectorate.ballots}, key: selection
 * id). The latest event for a candidate replaces what came before. notification-service lets only these accounts
 * send the candidate's mailings, and sends the candidate the declared result at {@code email}.
 *
 * @param account the candidate's own Keycloak username, or null if they have none yet
 * @param agents  Keycloak usernames of the candidate's agents (may be empty)
 * @param email   where the candidate is sent notices (the declared result); null if none is held, as in events
 *                from before it was carried
 */
public record CandidateNominated(String selectionId, String candidateId, String name, String account,
                                 List<String> agents, String region, String constituency, String email) {
    public static final String TYPE = "org.selectorate.ballot.CandidateNominated";

    public CandidateNominated(String selectionId, String candidateId, String name, String account,
                              List<String> agents, String region, String constituency) {
        this(selectionId, candidateId, name, account, agents, region, constituency, null);
    }
}
