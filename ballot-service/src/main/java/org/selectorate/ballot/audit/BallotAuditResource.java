package org.selectorate.ballot.audit;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.support.audit.AuditResource;
import org.selectorate.support.audit.AuditTrail;

@Path("/api/ballots/audit")
@Tag(name = "audit", description = "ballot-service's audit log of admin actions")
public class BallotAuditResource extends AuditResource {
    public BallotAuditResource(AuditTrail trail, SecurityIdentity identity) {
        super(trail, identity);
    }
}
