package org.selectorate.verifier.recount;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.selectorate.verifier.check.Check;
import org.selectorate.verifier.check.CheckResult;
import org.selectorate.verifier.check.Findings;
import org.selectorate.verifier.check.RecordFacts;

/**
 * Recounts the entries with the counting module and compares with the published result: who was elected, and
 * at every stage each candidate's votes, inactive votes, who was elected or excluded, and (where published) the
 * same figures by channel. Wording (options,
 * notes, action text) is not compared, so a record stays checkable by a later verifier.
 */
public final class RecountCheck implements Check {
    private static final List<String> STAGE_FIELDS = List.of("tallies", "inactive", "elected", "excluded",
            "channels");

    @Override
    public CheckResult run(RecordFacts facts) {
        Findings f = new Findings("recount");
        Map<String, Object> published = facts.document().result();
        Map<String, Object> recount = null;
        if (published == null) {
            f.problem("the record publishes no result");
        } else {
            try {
                recount = RecordCount.resultValue(facts.tally().count());
            } catch (IllegalArgumentException e) {
                f.problem("cannot recount: " + e.getMessage());
            }
        }
        if (recount != null) {
            compare(published, recount, f);
        }
        String elected = recount == null ? "" : String.join(", ", strings(recount.get("elected")));
        return f.result("recount elects " + elected + ", stage by stage as published",
                "the recount differs from the published result");
    }

    private static void compare(Map<String, Object> published, Map<String, Object> recount, Findings f) {
        for (String field : List.of("method", "elected")) {
            if (!Objects.equals(published.get(field), recount.get(field))) {
                f.problem(field + ": published " + published.get(field) + ", recount " + recount.get(field));
            }
        }
        List<?> ps = published.get("stages") instanceof List ? (List<?>) published.get("stages") : List.of();
        List<?> rs = (List<?>) recount.get("stages");
        if (ps.size() != rs.size()) {
            f.problem("stages: published " + ps.size() + ", recount " + rs.size());
        }
        for (int i = 0; i < Math.min(ps.size(), rs.size()); i++) {
            Map<?, ?> p = ps.get(i) instanceof Map ? (Map<?, ?>) ps.get(i) : Map.of();
            Map<?, ?> r = (Map<?, ?>) rs.get(i);
            for (String field : STAGE_FIELDS) {
                // A record counted before the breakdown by channel has none to compare.
                if ("channels".equals(field) && !p.containsKey(field)) {
                    continue;
                }
                if (!Objects.equals(p.get(field), r.get(field))) {
                    f.problem("stage " + (i + 1) + " " + field + ": published " + p.get(field) + ", recount "
                            + r.get(field));
                }
            }
        }
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }
}
