package org.selectorate.contracts.organisation;

/**
 * A person was made an authorised officer of an affiliate: they may enter and confirm its returns
 * (CloudEvents type {@link #TYPE}; key: the affiliate's constituency, so it follows its {@link AffiliateCreated}).
 *
 * @param affiliate    the affiliate's code
 * @param constituency the affiliate's constituency
 * @param username     the officer's Keycloak username (the token's {@code preferred_username})
 * @param name         display name
 * @param email        where the officer is written to about returns awaiting them
 */
public record AffiliateOfficerAdded(String affiliate, String constituency, String username, String name,
                                    String email) {
    public static final String TYPE = "org.selectorate.organisation.AffiliateOfficerAdded";
}
