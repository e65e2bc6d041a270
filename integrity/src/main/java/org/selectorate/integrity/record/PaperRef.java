package org.selectorate.integrity.record;

/** Where a paper vote came from: item {@code item} (from 1) of the tellers' batch {@code batch}. */
public record PaperRef(String batch, long item) {
    public PaperRef {
        if (batch == null || batch.isBlank()) {
            throw new IllegalArgumentException("a paper vote needs a batch reference");
        }
        if (item < 1) {
            throw new IllegalArgumentException("paper items count from 1");
        }
    }
}
