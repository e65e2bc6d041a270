package org.selectorate.integrity.record;

import java.util.HashSet;
import java.util.List;

/**
 * The ballot as published at opening: its id, title, candidates in ballot-paper order, and those who withdrew
 * after papers were issued (still valid marks on a paper, excluded before the first stage).
 */
public record BallotInfo(String id, String title, List<String> candidates, List<String> withdrawn) {
    public BallotInfo {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a ballot needs an id");
        }
        candidates = List.copyOf(candidates);
        withdrawn = List.copyOf(withdrawn);
        if (new HashSet<>(candidates).size() != candidates.size()) {
            throw new IllegalArgumentException("candidate names must be distinct");
        }
        if (!candidates.containsAll(withdrawn)) {
            throw new IllegalArgumentException("a withdrawn candidate must be a candidate");
        }
    }

    /** Null when {@code vote} is a valid ranking of these candidates, else why not. */
    public String voteProblem(List<String> vote) {
        // no set: every entry of a record is checked, and a vote longer than the candidates fails by then
        for (int i = 0; i < vote.size(); i++) {
            String name = vote.get(i);
            if (!candidates.contains(name)) {
                return "names \"" + name + "\", who is not a candidate";
            }
            if (vote.subList(0, i).contains(name)) {
                return "ranks \"" + name + "\" twice";
            }
        }
        return null;
    }
}
