package org.selectorate.contracts.organisation;

/**
 * An affiliate's authorised officer was removed: from now on they act for it no more
 * (CloudEvents type {@link #TYPE}; key: the affiliate's constituency).
 */
public record AffiliateOfficerRemoved(String affiliate, String constituency, String username) {
    public static final String TYPE = "org.selectorate.organisation.AffiliateOfficerRemoved";
}
