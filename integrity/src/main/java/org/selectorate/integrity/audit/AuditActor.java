package org.selectorate.integrity.audit;

import java.util.List;
import java.util.TreeSet;

/**
 * Who acted: the token's stable subject ({@code sub}, what two-person rules compare), the username at the time (for
 * people reading the log) and the roles the token carried, sorted.
 */
public record AuditActor(String subject, String username, List<String> roles) {
    public AuditActor {
        AuditEntry.requireText(subject, "actor subject");
        AuditEntry.requireText(username, "actor username");
        if (roles == null) {
            throw new IllegalArgumentException("actor roles are required (empty if none)");
        }
        roles.forEach(r -> AuditEntry.requireText(r, "role"));
        roles = List.copyOf(new TreeSet<>(roles));
    }
}
