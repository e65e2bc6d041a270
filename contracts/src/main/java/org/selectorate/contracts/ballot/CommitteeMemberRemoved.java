package org.selectorate.contracts.ballot;

/** A member left a selection's committee (topic {@code selectorate.ballots}, key: selection id). */
public record CommitteeMemberRemoved(String selectionId, String memberId) {
    public static final String TYPE = "org.selectorate.ballot.CommitteeMemberRemoved";
}
