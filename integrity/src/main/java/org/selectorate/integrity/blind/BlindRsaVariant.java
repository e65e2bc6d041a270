package org.selectorate.integrity.blind;

/** The RFC 9474 §5 variants this platform supports; both use SHA-384, MGF1-SHA-384 and a 48-byte salt. */
public enum BlindRsaVariant {
    /** The message is prefixed with 32 random bytes before signing (RFC 9474 §4.1); the prefix is published. */
    SHA384_PSS_RANDOMIZED("RSABSSA-SHA384-PSS-Randomized", true),
    /** The message is signed as is. */
    SHA384_PSS_DETERMINISTIC("RSABSSA-SHA384-PSS-Deterministic", false);

    static final String HASH = "SHA-384";
    static final int HASH_LENGTH = 48;
    static final int SALT_LENGTH = 48;
    static final int PREFIX_LENGTH = 32;

    private final String id;
    private final boolean randomized;

    BlindRsaVariant(String id, boolean randomized) {
        this.id = id;
        this.randomized = randomized;
    }

    /** The RFC's name for the variant, as written in the record. */
    public String id() {
        return id;
    }

    public boolean randomized() {
        return randomized;
    }

    public static BlindRsaVariant fromId(String id) {
        for (BlindRsaVariant v : values()) {
            if (v.id.equals(id)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unsupported blind signature variant: " + id);
    }
}
