package org.selectorate.counting.rank;

/** Why a ballot no longer counts for any candidate. */
public enum Inactive {
    /** No marks at all. */
    BLANK("blank"),
    /** Reached a rank with several marks where the rule exhausts it. */
    OVERVOTE("overvote"),
    /** Skipped more consecutive ranks than the rule allows. */
    SKIPPED_RANKS("skipped-ranks"),
    /** Ranked a candidate a second time where the rule exhausts it. */
    DUPLICATE("duplicate"),
    /** Every ranked candidate is out, and the voter used fewer ranks than allowed. */
    ABSTENTION("abstention"),
    /** Every ranked candidate is out. */
    EXHAUSTED("exhausted");

    private final String label;

    Inactive(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
