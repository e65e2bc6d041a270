package org.selectorate.contracts.ballot;

import java.time.LocalDate;

/**
 * A credential was issued in a member's name (topic {@code selectorate.credentials}, key: ballot id).
 * The member is told at the contact held at the freeze, so a ballot taken in their name is noticed. It carries the
 * day only (UTC), so the topic and the mail keep no finer time.
 */
public record CredentialIssued(String ballotId, String title, String email, String channel, LocalDate issuedOn) {
    public static final String TYPE = "org.selectorate.ballot.CredentialIssued";
}
