package org.selectorate.contracts.organisation;

/**
 * An affiliate (a union branch or socialist society, one unit at nominations and trigger ballots) was added to a
 * constituency (CloudEvents type {@link #TYPE}; key: the constituency's code).
 *
 * @param code         stable identifier, unique platform-wide; officers' {@code affiliates} token claim names it
 * @param name         display name
 * @param constituency code of the constituency it belongs to
 * @param region       code of that constituency's region
 * @param kind         {@code union} or {@code society}
 */
public record AffiliateCreated(String code, String name, String constituency, String region, String kind) {
    public static final String TYPE = "org.selectorate.organisation.AffiliateCreated";
}
