package org.selectorate.integrity.audit;

/** A file that is not a well-formed {@value AuditLog#SCHEMA} document; says where. */
public final class MalformedAuditLogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedAuditLogException(String message) {
        super(message);
    }
}
