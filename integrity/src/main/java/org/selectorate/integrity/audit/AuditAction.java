package org.selectorate.integrity.audit;

import java.util.regex.Pattern;

/**
 * What was done: the action's name ({@code roll.freeze}), its target ({@code selection/S/roll}), where it applies,
 * the state before and after (either may be absent), the reason given and the subject of the second person who
 * co-signed it. Build one with {@link #named}.
 */
public record AuditAction(AuditScope scope, String name, String target, AuditState before, AuditState after,
        String reason, String coSigner) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");

    public AuditAction {
        if (scope == null) {
            throw new IllegalArgumentException("an action needs a scope (AuditScope.NATIONAL if none)");
        }
        if (name == null || name.length() > 100 || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an action name is dotted lower-case words, e.g. roll.freeze: " + name);
        }
        AuditEntry.requireText(target, "target");
        if (reason != null) {
            AuditEntry.requireText(reason, "reason");
        }
        if (coSigner != null) {
            AuditEntry.requireText(coSigner, "co-signer");
        }
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Collects an action's parts; {@link #build} checks them. */
    public static final class Builder {
        private final String name;
        private AuditScope scope = AuditScope.NATIONAL;
        private String target;
        private AuditState before;
        private AuditState after;
        private String reason;
        private String coSigner;

        private Builder(String name) {
            this.name = name;
        }

        public Builder in(AuditScope scope) {
            this.scope = scope;
            return this;
        }

        public Builder on(String target) {
            this.target = target;
            return this;
        }

        public Builder before(AuditState state) {
            this.before = state;
            return this;
        }

        public Builder after(AuditState state) {
            this.after = state;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        /** The subject ({@code sub}) of the second person, who must not be the actor. */
        public Builder coSignedBy(String subject) {
            this.coSigner = subject;
            return this;
        }

        public AuditAction build() {
            return new AuditAction(scope, name, target, before, after, reason, coSigner);
        }
    }
}
