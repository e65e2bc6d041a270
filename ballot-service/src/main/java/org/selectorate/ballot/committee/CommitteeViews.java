package org.selectorate.ballot.committee;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/** Request and response bodies of the committee API. */
public final class CommitteeViews {
    public static final String ROLES = "procedures-secretary|nec-representative|regional-representative"
            + "|union-representative|affiliate-representative|constituency-officer";

    /** @param webhook optional https URL for integrations that want the notices too */
    public record NewMember(@NotBlank @Size(max = 200) String name,
                            @NotBlank @Email @Size(max = 254) String email,
                            @NotBlank @Pattern(regexp = ROLES, message = "must be one of " + ROLES) String role,
                            @Pattern(regexp = "https://\\S+", message = "must be an https URL") @Size(max = 2000)
                            String webhook) {
    }

    public record MemberView(UUID id, String name, String email, String role, String webhook, Instant appointedAt) {
        static MemberView of(CommitteeMember m) {
            return new MemberView(m.id, m.name, m.email, m.role, m.webhook, m.appointedAt);
        }
    }

    private CommitteeViews() {
    }
}
