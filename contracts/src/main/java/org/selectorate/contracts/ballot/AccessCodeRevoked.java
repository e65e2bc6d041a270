package org.selectorate.contracts.ballot;

/**
 * A member's access code no longer works because a co-signed roll change took them off the roll of an open ballot
 * (topic {@code selectorate.credentials}, key: ballot id). notification-service tells them at the contact held at
 * the freeze, so a removal made behind their back is noticed while the ballot is still open.
 */
public record AccessCodeRevoked(String ballotId, String title, String email, String name) {
    public static final String TYPE = "org.selectorate.ballot.AccessCodeRevoked";
}
