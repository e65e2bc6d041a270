package org.selectorate.notification.audit;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.support.audit.AuditResource;
import org.selectorate.support.audit.AuditTrail;

@Path("/api/notifications/audit")
@Tag(name = "audit", description = "notification-service's audit log: webhooks, bounces, candidate mailings")
public class NotificationAuditResource extends AuditResource {
    public NotificationAuditResource(AuditTrail trail, SecurityIdentity identity) {
        super(trail, identity);
    }
}
