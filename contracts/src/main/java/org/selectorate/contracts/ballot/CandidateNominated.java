package org.selectorate.contracts.ballot;

import java.util.List;

/**
 * A candidate stands in a selection, or their accounts changed (topic {@code selectorate.ballots}, key: selection
 * id). The latest event for a candidate replaces what came before. notification-service lets only these accounts
 * send the candidate's mailings.
 *
 * @param account the candidate's own Keycloak username, or null if they have none yet
 * @param agents  Keycloak usernames of the candidate's agents (may be empty)
 */
public record CandidateNominated(String selectionId, String candidateId, String name, String account,
                                 List<String> agents, String region, String constituency) {
    public static final String TYPE = "org.selectorate.ballot.CandidateNominated";
}
