package org.selectorate.tally.count;

/**
 * Example values of the API contract: the count of the demo selection's final ballot, 1,042 votes by AV (880 online,
 * 112 postal, 50 in person), as the counting module reports it. The figures add up: each stage's tallies and
 * inactive votes sum to the votes, the channels to each figure, and each channel's paper account reconciles.
 */
public final class ResultExamples {
    public static final String ELECTED = "[\"Asha Patel\"]";
    public static final String VOTES = "1042";
    public static final String METHOD = "av";
    public static final String VOTES_BY_CHANNEL = "{\"in-person\": 50, \"online\": 880, \"postal\": 112}";
    public static final String MARKED_REGISTER = "{\"in-person\": 50, \"online\": 884, \"postal\": 130}";
    private static final String NOTHING_INACTIVE = "\"blank\": \"0\", \"overvote\": \"0\", \"skipped-ranks\": \"0\", "
            + "\"duplicate\": \"0\", \"abstention\": \"0\"";
    public static final String STAGES = "["
            + "{\"stage\": 1, \"action\": \"Exclude Mei Chen (fewest votes: 173)\", "
            + "\"tallies\": {\"Asha Patel\": \"478\", \"Tom Reid\": \"391\", \"Mei Chen\": \"173\"}, "
            + "\"threshold\": \"522\", "
            + "\"inactive\": {" + NOTHING_INACTIVE + ", \"exhausted\": \"0\"}, "
            + "\"transfers\": {\"Mei Chen\": {\"Asha Patel\": \"96\", \"Tom Reid\": \"58\", \"exhausted\": \"19\"}}, "
            + "\"elected\": [], \"excluded\": [\"Mei Chen\"], \"notes\": [], "
            + "\"channels\": {"
            + "\"in-person\": {\"tallies\": {\"Asha Patel\": \"24\", \"Tom Reid\": \"18\", \"Mei Chen\": \"8\"}, "
            + "\"inactive\": {" + NOTHING_INACTIVE + ", \"exhausted\": \"0\"}}, "
            + "\"online\": {\"tallies\": {\"Asha Patel\": \"402\", \"Tom Reid\": \"330\", \"Mei Chen\": \"148\"}, "
            + "\"inactive\": {" + NOTHING_INACTIVE + ", \"exhausted\": \"0\"}}, "
            + "\"postal\": {\"tallies\": {\"Asha Patel\": \"52\", \"Tom Reid\": \"43\", \"Mei Chen\": \"17\"}, "
            + "\"inactive\": {" + NOTHING_INACTIVE + ", \"exhausted\": \"0\"}}}}, "
            + "{\"stage\": 2, \"action\": \"Asha Patel elected: majority of continuing votes (574 of 1023)\", "
            + "\"tallies\": {\"Asha Patel\": \"574\", \"Tom Reid\": \"449\"}, "
            + "\"threshold\": \"512\", "
            + "\"inactive\": {" + NOTHING_INACTIVE + ", \"exhausted\": \"19\"}, "
            + "\"transfers\": {}, "
            + "\"elected\": [\"Asha Patel\"], \"excluded\": [], \"notes\": [], "
            + "\"channels\": {"
            + "\"in-person\": {\"tallies\": {\"Asha Patel\": \"28\", \"Tom Reid\": \"21\"}, "
            + "\"inactive\": {" + NOTHING_INACTIVE + ", \"exhausted\": \"1\"}}, "
            + "\"online\": {\"tallies\": {\"Asha Patel\": \"484\", \"Tom Reid\": \"380\"}, "
            + "\"inactive\": {" + NOTHING_INACTIVE + ", \"exhausted\": \"16\"}}, "
            + "\"postal\": {\"tallies\": {\"Asha Patel\": \"62\", \"Tom Reid\": \"48\"}, "
            + "\"inactive\": {" + NOTHING_INACTIVE + ", \"exhausted\": \"2\"}}}}"
            + "]";
    public static final String PAPER_ACCOUNT = "{"
            + "\"in-person\": {\"issued\": 50, \"returned\": 50, \"rejected\": {}, \"spoilt\": {}, \"counted\": 50}, "
            + "\"online\": {\"issued\": 884, \"returned\": 880, \"rejected\": {}, \"spoilt\": {}, \"counted\": 880}, "
            + "\"postal\": {\"issued\": 130, \"returned\": 121, "
            + "\"rejected\": {\"declaration-unsigned\": 4, \"late\": 2}, \"spoilt\": {\"unmarked\": 3}, "
            + "\"counted\": 112}"
            + "}";
    /** The shape of what an account that does not reconcile reports (the example's own accounts reconcile). */
    public static final String ACCOUNT_PROBLEMS =
            "{\"postal\": [\"121 returned but 119 rejected, spoilt or counted\"]}";
    public static final String ANOMALIES = "[{\"detail\": \"NW-001-B6: 136 of 137 electors voted (99.3%) against "
            + "87.3% in the other branches (928 of 1063), a difference of 12.0 points: p = 2.09e-06 after Bonferroni "
            + "correction for 8 branches.\", \"kind\": \"branch-turnout\", \"statistic\": 2.09e-6, "
            + "\"subject\": \"NW-001-B6\", \"threshold\": 0.001}]";

    private ResultExamples() {
    }
}
