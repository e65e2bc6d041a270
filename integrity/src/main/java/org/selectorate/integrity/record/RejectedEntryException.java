package org.selectorate.integrity.record;

/** An entry the record refuses; nothing was appended. */
public final class RejectedEntryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why, for the caster's error response. */
    public enum Reason {
        BAD_CREDENTIAL, TOKEN_ALREADY_USED, INVALID_VOTE, PAPER_ALREADY_ENTERED, TRACKER_CLASH, WRONG_CHANNEL
    }

    private final Reason reason;

    public RejectedEntryException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
