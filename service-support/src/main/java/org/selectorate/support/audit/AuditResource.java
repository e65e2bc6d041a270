package org.selectorate.support.audit;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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

    /**
     * The first two entries of the test vectors' chain (integrity {@code AuditChainTest}: RFC 8032 key, fixed times):
     * real hashes and signatures, which {@code ./selectorate verify --audit} accepts.
     */
    static final String EXAMPLE = """
            {
              "entries": [
                {
                  "details": {
                    "action": "region.create",
                    "actor": {
                      "roles": [
                        "hq-admin"
                      ],
                      "subject": "5f0c9a52-hq",
                      "username": "hq"
                    },
                    "after": {
                      "sha256": "5d982b1da9b2204422699ca3886eaaac8f2fa85869832107238f7c570706168f",
                      "value": {
                        "code": "NW",
                        "name": "North West"
                      }
                    },
                    "before": null,
                    "coSigner": null,
                    "reason": null,
                    "target": "region/NW",
                    "time": "2026-05-01T09:00:00Z"
                  },
                  "hash": "9c26d3ef48f0a8b097ae18f51eef55887b649138d62c5cb9181df7a2d35a0fb9",
                  "previous": "8a0cacf96b7e83b6a0d9701385cdf11c2df51893bea20983e622e1a04461b3b2",
                  "scope": {
                    "constituency": null,
                    "region": "NW",
                    "selection": null
                  },
                  "seq": 1,
                  "signature": "gxKrShNh-J4esTTq5AKb8VeqBBPfLmHYMLGarUSSBjTtflaQGEgMnoUFaH7yVyMS5wfnkIyTYrv8P-GqqfFfAg"
                },
                {
                  "details": {
                    "action": "members.import",
                    "actor": {
                      "roles": [
                        "hq-admin"
                      ],
                      "subject": "5f0c9a52-hq",
                      "username": "hq"
                    },
                    "after": {
                      "sha256": "0641eadd95bc29c08cc7653487f3363aa3d9c6f93ea22fd1726ceac54031666e",
                      "value": {
                        "imported": 3,
                        "rejected": 0,
                        "rows": 3
                      }
                    },
                    "before": null,
                    "coSigner": null,
                    "reason": null,
                    "target": "constituency/NW-001/members",
                    "time": "2026-05-01T09:01:01Z"
                  },
                  "hash": "bb8d977ebeab5fc709e258a3ea0975005161fd6d515ad2cb02d0d8003b25a8df",
                  "previous": "9c26d3ef48f0a8b097ae18f51eef55887b649138d62c5cb9181df7a2d35a0fb9",
                  "scope": {
                    "constituency": "NW-001",
                    "region": "NW",
                    "selection": null
                  },
                  "seq": 2,
                  "signature": "k7cl9rkUb8U6sWxQd6G3xcvjyVkjzaGU9AYHjXch09uz8lpyN-PdD23o_-T5Fv4KVnbs1qoRHnQvwfx6VTbdCQ"
                }
              ],
              "filter": {
                "area": null,
                "selection": null
              },
              "key": {
                "algorithm": "Ed25519",
                "publicKey": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
              },
              "schema": "selectorate-audit-log/1",
              "service": "membership-service"
            }
            """;

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
    @APIResponse(responseCode = "200", description = "the audit log", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT), example = EXAMPLE))
    @APIResponse(responseCode = "400", description = "selection is not a selection id")
    @APIResponse(responseCode = "403", description = "not HQ or a scrutineer, or the selection is outside the area")
    public Uni<String> export(@Parameter(description = "show only this selection's entries in full")
                              @QueryParam("selection") String selection) {
        return trail.export(Caller.of(identity), selection).map(AuditCodec::write);
    }
}
