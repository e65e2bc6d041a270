package org.selectorate.ballot.area;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@Path("/api/ballots/constituencies")
@Tag(name = "areas", description = "Constituencies selections can be opened in, and their units")
public class AreaResource {
    private final SecurityIdentity identity;
    private final KnownUnits units;

    public AreaResource(SecurityIdentity identity, KnownUnits units) {
        this.identity = identity;
        this.units = units;
    }

    /** A constituency's branches and affiliates; each affiliate with its current officers' names. */
    public record Units(@Schema(example = "NW-001") String constituency, List<Branch> branches,
                        List<Affiliate> affiliates) {
    }

    public record Branch(@Schema(example = "NW-001-B1") String code, @Schema(example = "Branch 1") String name) {
    }

    public record Affiliate(@Schema(example = "NW-001-UNITE") String code,
                            @Schema(example = "Unite North West") String name,
                            @Schema(example = "union") String kind,
                            @Schema(example = "[\"Unite Chair\", \"Unite Secretary\"]") List<String> officers) {
    }

    @GET
    @WithSession
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE, Roles.INTEGRATION})
    @Operation(operationId = "listKnownConstituencies",
            summary = "Constituencies known to ballot-service in the caller's area")
    public Uni<List<KnownConstituency>> constituencies() {
        Caller caller = Caller.of(identity);
        return KnownConstituency.<KnownConstituency>list("order by code")
                .map(all -> all.stream().filter(c -> caller.covers(c.region, c.code)).toList());
    }

    @GET
    @Path("/{code}/units")
    @WithSession
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.INTEGRATION, Roles.AFFILIATE_OFFICER})
    @Operation(operationId = "listKnownConstituencyUnits",
            summary = "A known constituency's branches and affiliates, as learnt from membership-service",
            description = "An affiliate officer reads the constituencies their affiliates belong to")
    public Uni<Units> units(@PathParam("code") String code) {
        Caller caller = Caller.of(identity);
        // An affiliate officer's token carries no area: one of the constituency's affiliates is theirs instead.
        return KnownConstituency.<KnownConstituency>findById(code)
                .chain(c -> units.affiliatesOf(code).invoke(affiliates -> {
                    if (c == null || !(caller.covers(c.region, c.code)
                            || affiliates.stream().anyMatch(a -> caller.claimsAffiliate(a.code)))) {
                        throw ProblemException.notFound("constituency " + code);
                    }
                }))
                .chain(affiliates -> units.branchesOf(code)
                        .chain(branches -> KnownOfficer.<KnownOfficer>list("affiliate in (select a.code from "
                                        + "KnownAffiliate a where a.constituency = ?1) order by name", code)
                                .map(officers -> {
                                    Map<String, List<String>> names = officers.stream().collect(Collectors.groupingBy(
                                            o -> o.affiliate, Collectors.mapping(o -> o.name, Collectors.toList())));
                                    return new Units(code,
                                            branches.stream().map(b -> new Branch(b.code, b.name)).toList(),
                                            affiliates.stream().map(a -> new Affiliate(a.code, a.name, a.kind,
                                                    names.getOrDefault(a.code, List.of()))).toList());
                                })));
    }
}
