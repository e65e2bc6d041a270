package org.selectorate.ballot.area;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;

import java.util.List;

@Path("/api/ballots/constituencies")
@Tag(name = "areas", description = "Constituencies selections can be opened in")
public class AreaResource {
    private final SecurityIdentity identity;

    public AreaResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @WithSession
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE, Roles.INTEGRATION})
    @Operation(summary = "Constituencies known to ballot-service in the caller's area")
    public Uni<List<KnownConstituency>> constituencies() {
        Caller caller = Caller.of(identity);
        return KnownConstituency.<KnownConstituency>list("order by code")
                .map(all -> all.stream().filter(c -> caller.covers(c.region, c.code)).toList());
    }
}
