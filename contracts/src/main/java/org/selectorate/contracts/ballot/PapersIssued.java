package org.selectorate.contracts.ballot;

import java.util.List;

/**
 * Ballot papers were issued (topic {@code selectorate.ballots}, key: ballot id): tally-service lets tellers key only
 * these papers, each once. Never who they went to.
 *
 * @param channel      {@code postal} or {@code in-person}
 * @param paperDigests each paper number's digest ({@code PaperNumber.digest()}, SHA-256 hex), in random order
 */
public record PapersIssued(String ballotId, String channel, List<String> paperDigests) {
    public static final String TYPE = "org.selectorate.ballot.PapersIssued";
}
