package org.selectorate.tally.record;

/**
 * A row of {@code pending_cast}: the ballot, the keyed hash of the token (which de-duplicates it) and the sealed
 * cast; no clear token, credential or vote, and no time. {@code token} is only looked up on the record (public) as
 * the row is written, and never stored.
 */
record HeldCast(String ballotId, String token, byte[] tokenMac, byte[] sealed) {
}
