package org.selectorate.contracts;

/** Keycloak realm roles, as DESIGN.md's table of users names them. */
public final class Roles {
    public static final String HQ_ADMIN = "hq-admin";
    public static final String REGIONAL_ADMIN = "regional-admin";
    public static final String PROCEDURES_SECRETARY = "procedures-secretary";
    public static final String COMMITTEE_MEMBER = "committee-member";
    public static final String SCRUTINEER = "scrutineer";
    public static final String CANDIDATE = "candidate";
    public static final String MEMBER = "member";
    public static final String INTEGRATION = "integration";
    /** An affiliate's authorised officer: enters and confirms its returns; scoped by the token's {@code affiliates}. */
    public static final String AFFILIATE_OFFICER = "affiliate-officer";

    private Roles() {
    }
}
