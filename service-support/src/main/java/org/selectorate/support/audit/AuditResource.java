package org.selectorate.support.audit;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.selectorate.contracts.Roles;
import org.selectorate.integrity.audit.AuditCodec;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.openapi.ContractFilter;

/**
 * A service's audit log, for HQ and for scrutineers in their area. Each service serves it under its own prefix, so
 * the gateway routes it: {@code @Path("/api/membership/audit") class MembershipAudit extends AuditResource}.
 */
public abstract class AuditResource {
    /** One method, served by every service: {@code ContractFilter} names it after the service's path. */
    public static final String OPERATION_ID = "getAuditLog";

    private final AuditTrail trail;
    private final SecurityIdentity identity;

    protected AuditResource(AuditTrail trail, SecurityIdentity identity) {
        this.trail = trail;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.HQ_ADMIN, Roles.SCRUTINEER})
    // Stated here: the OpenAPI scanner does not carry an inherited method's @RolesAllowed into the document.
    @SecurityRequirement(name = ContractFilter.SCHEME, scopes = {Roles.HQ_ADMIN, Roles.SCRUTINEER})
    @Operation(operationId = OPERATION_ID,
            summary = "This service's audit log: every admin action, hash-chained and signed",
            description = "A selectorate-audit-log/1 document (RFC 8785 JSON): the service, its Ed25519 audit key and "
                    + "every entry of its chain from seq 1. Entries in the caller's area (HQ: all; national entries: "
                    + "all), and of `selection` if given, are shown in full: who (token subject, username, roles), "
                    + "what and on what, before/after states or their SHA-256, reason, co-signer, time to the second. "
                    + "The rest are withheld as their scope and hashes, so the chain stays checkable: "
                    + "`./selectorate verify --audit FILE`. A selection outside the caller's area is refused (403).")
    @APIResponse(responseCode = "200", description = "the audit log")
    @APIResponse(responseCode = "400", description = "selection is not a selection id")
    @APIResponse(responseCode = "403", description = "not HQ or a scrutineer, or the selection is outside the area")
    public Uni<String> export(@Parameter(description = "show only this selection's entries in full")
                              @QueryParam("selection") String selection) {
        return trail.export(Caller.of(identity), selection).map(AuditCodec::write);
    }
}
