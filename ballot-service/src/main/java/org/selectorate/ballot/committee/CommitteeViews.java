package org.selectorate.ballot.committee;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** Request and response bodies of the committee API. */
public final class CommitteeViews {
    public static final String ROLES = "procedures-secretary|nec-representative|regional-representative"
            + "|union-representative|affiliate-representative|constituency-officer";
    /** An example for the API contract. */
    private static final String WEBHOOK = "https://integrations.example.org/selectorate/committee";

    /** @param webhook optional https URL for integrations that want the notices too */
    public record NewMember(@Schema(example = "Jo Bennett") @NotBlank @Size(max = 200) String name,
                            @Schema(example = "jo.bennett@example.org") @NotBlank @Email @Size(max = 254) String email,
                            @Schema(example = "procedures-secretary")
                            @NotBlank @Pattern(regexp = ROLES, message = "must be one of " + ROLES) String role,
                            @Schema(example = WEBHOOK)
                            @Pattern(regexp = "https://\\S+", message = "must be an https URL") @Size(max = 2000)
                            String webhook) {
    }

    public record MemberView(@Schema(example = "1f6c9a2e-7d3b-4e85-9b10-4a8e2c7f5d39") UUID id,
                             @Schema(example = "Jo Bennett") String name,
                             @Schema(example = "jo.bennett@example.org") String email,
                             @Schema(example = "procedures-secretary") String role,
                             @Schema(example = WEBHOOK) String webhook,
                             @Schema(example = "2026-10-06T11:00:00Z") Instant appointedAt) {
        static MemberView of(CommitteeMember m) {
            return new MemberView(m.id, m.name, m.email, m.role, m.webhook, m.appointedAt);
        }
    }

    private CommitteeViews() {
    }
}
