package org.selectorate.contracts.roll;

import java.util.List;

/**
 * One chunk of a frozen roll version (topic {@code selectorate.roll}, key: selection id), so a
 * national roll never needs one oversized message.
 *
 * @param chunk 0-based position of this chunk among {@code chunks}
 */
public record RollEntries(String selectionId, int version, int chunk, int chunks, List<Elector> electors) {
    public static final String TYPE = "org.selectorate.roll.RollEntries";

    /**
     * A member on the roll, with the contact held at the freeze (alerts go there, not to a later one; a postal
     * ballot pack goes to {@code address}, null in events from before it was carried).
     */
    public record Elector(String membershipNumber, String name, String email, String branch, String address) {
        public Elector(String membershipNumber, String name, String email, String branch) {
            this(membershipNumber, name, email, branch, null);
        }
    }
}
