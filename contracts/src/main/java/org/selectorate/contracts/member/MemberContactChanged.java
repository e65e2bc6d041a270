package org.selectorate.contracts.member;

import java.time.Instant;
import java.util.List;

/**
 * A member's email changed while they stand on the frozen roll of selections whose ballots are not finished
 * (topic {@code selectorate.roll}, key: membership number). notification-service tells the previous address, so
 * a change made by someone else is noticed; ballot mail keeps going to the address held at the freeze.
 *
 * @param selectionIds the selections concerned (the member is on the latest roll version of each)
 */
public record MemberContactChanged(String membershipNumber, List<String> selectionIds, String previousEmail,
                                   String newEmail, Instant changedAt) {
    public static final String TYPE = "org.selectorate.member.MemberContactChanged";
}
