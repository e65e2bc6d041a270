package org.selectorate.tally.audit;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.support.audit.AuditResource;
import org.selectorate.support.audit.AuditTrail;

@Path("/api/tally/audit")
@Tag(name = "audit", description = "tally-service's audit log: scrutineers' keys, certifications, refusals, "
        + "declarations")
public class TallyAuditResource extends AuditResource {
    public TallyAuditResource(AuditTrail trail, SecurityIdentity identity) {
        super(trail, identity);
    }
}
