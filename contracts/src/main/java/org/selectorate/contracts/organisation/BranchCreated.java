package org.selectorate.contracts.organisation;

/**
 * A party branch was added to a constituency (CloudEvents type {@link #TYPE}; topic {@code selectorate.organisation},
 * key: the constituency's code, so it follows its {@link ConstituencyCreated}).
 *
 * @param code         stable identifier, unique platform-wide
 * @param name         display name
 * @param constituency code of the constituency it belongs to
 * @param region       code of that constituency's region
 */
public record BranchCreated(String code, String name, String constituency, String region) {
    public static final String TYPE = "org.selectorate.organisation.BranchCreated";
}
