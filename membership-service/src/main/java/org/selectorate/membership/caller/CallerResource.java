package org.selectorate.membership.caller;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.support.caller.Caller;

@Path("/api/membership/caller")
@Tag(name = "caller", description = "Who a service takes the caller to be: name, roles, areas")
public class CallerResource {
    private final SecurityIdentity identity;

    public CallerResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Authenticated
    @Operation(operationId = "getMembershipCaller",
            summary = "The caller's name, roles and areas, as this service sees them")
    public Caller caller() {
        return Caller.of(identity);
    }
}
