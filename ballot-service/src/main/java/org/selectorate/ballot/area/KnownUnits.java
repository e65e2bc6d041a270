package org.selectorate.ballot.area;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * A constituency's units as ballot-service knows them: the branches that hold meetings, the affiliates that make
 * returns, and who may act for an affiliate. Each method joins the caller's session, or opens one.
 */
@ApplicationScoped
public class KnownUnits {

    /** The constituency's branches, by code. */
    @WithSession
    public Uni<List<KnownBranch>> branchesOf(String constituency) {
        return KnownBranch.list("constituency = ?1 order by code", constituency);
    }

    /** The constituency's affiliates, by code. */
    @WithSession
    public Uni<List<KnownAffiliate>> affiliatesOf(String constituency) {
        return KnownAffiliate.list("constituency = ?1 order by code", constituency);
    }

    /** The affiliate's current authorised officers, by username. */
    @WithSession
    public Uni<List<KnownOfficer>> officersOf(String affiliate) {
        return KnownOfficer.list("affiliate = ?1 order by username", affiliate);
    }

    /**
     * Whether {@code username} (a token's {@code preferred_username}) is a current officer of the affiliate. A caller
     * acting for an affiliate must also hold the role and name it in the token's claim
     * ({@code Caller.claimsAffiliate}): Keycloak says who they are, membership-service's record says they hold office.
     */
    @WithSession
    public Uni<Boolean> isOfficer(String affiliate, String username) {
        return KnownOfficer.count("affiliate = ?1 and username = ?2", affiliate, username).map(n -> n > 0);
    }
}
