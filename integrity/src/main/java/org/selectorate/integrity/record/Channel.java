package org.selectorate.integrity.record;

/** How a vote reached the record. */
public enum Channel {
    ONLINE("online"),
    POSTAL("postal"),
    IN_PERSON("in-person");

    private final String id;

    Channel(String id) {
        this.id = id;
    }

    /** The name written in the record. */
    public String id() {
        return id;
    }

    public static Channel fromId(String id) {
        for (Channel c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown channel: " + id);
    }

    public boolean isPaper() {
        return this != ONLINE;
    }
}
