package org.selectorate.membership.audit;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.support.audit.AuditResource;
import org.selectorate.support.audit.AuditTrail;

@Path("/api/membership/audit")
@Tag(name = "audit", description = "membership-service's audit log of admin actions")
public class MembershipAuditResource extends AuditResource {
    public MembershipAuditResource(AuditTrail trail, SecurityIdentity identity) {
        super(trail, identity);
    }
}
