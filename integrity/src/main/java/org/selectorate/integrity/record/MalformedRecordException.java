package org.selectorate.integrity.record;

/** A record file that is not a well-formed {@value RecordDocument#SCHEMA} document; says where. */
public final class MalformedRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedRecordException(String message) {
        super(message);
    }
}
