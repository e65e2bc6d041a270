package org.selectorate.contracts;

import java.util.List;

/**
 * Kafka topics of the platform, with the partition counts they are created with up front
 * (brokers here never auto-create topics, so a typo fails loudly instead of splitting a stream).
 */
public final class Topics {
    /** Organisation tree changes: regions, constituencies, branches, affiliates. */
    public static final String ORGANISATION = "selectorate.organisation";
    /** Roll freezes and post-freeze roll versions. */
    public static final String ROLL = "selectorate.roll";
    /** Selections, candidates, committees, timetables, ballots opened and closed. */
    public static final String BALLOTS = "selectorate.ballots";
    /**
     * One event per elector (key: ballot id): access codes sent at opening and credentials issued. Apart from
     * {@link #BALLOTS} because it carries a hundred times as many events, and only member mail reads it.
     */
    public static final String CREDENTIALS = "selectorate.credentials";
    /** Anonymous casts keyed by ballot: one partition owner appends each ballot's record. */
    public static final String CASTS = "selectorate.casts";
    /** Results and certifications. */
    public static final String RESULTS = "selectorate.results";
    /** Notices, deliveries and acknowledgements. */
    public static final String NOTICES = "selectorate.notices";

    /** More partitions than concurrent ballots, so each ballot has a single writer. */
    public static final int CAST_PARTITIONS = 48;

    public record Spec(String name, int partitions) {
    }

    public static final List<Spec> ALL = List.of(
            new Spec(ORGANISATION, 3),
            new Spec(ROLL, 3),
            new Spec(BALLOTS, 6),
            new Spec(CREDENTIALS, 6),
            new Spec(CASTS, CAST_PARTITIONS),
            new Spec(RESULTS, 3),
            new Spec(NOTICES, 6));

    private Topics() {
    }
}
