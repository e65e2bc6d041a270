package org.selectorate.ballot.paper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The digests of a ballot's papers, per channel and set ({@link #ISSUED}; {@link #REPLACED} and {@link #REJECTED}
 * papers, never to be keyed), each set one row holding its digests in sorted order. No row per paper: a table of
 * papers would stand in the order they were issued, and that order set beside the marked register's would pair a
 * member with their paper's number, which the tellers key next to the vote. Call in a transaction.
 */
final class PaperSets {
    static final String ISSUED = "issued";
    static final String REPLACED = "replaced";
    static final String REJECTED = "rejected";

    private PaperSets() {
    }

    /** Adds digests to a set, keeping it sorted. */
    static Uni<Void> add(UUID ballotId, String channel, String kind, List<String> digests) {
        String[] sorted = digests.toArray(String[]::new);
        Arrays.sort(sorted);
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into paper_set (ballot_id, channel, kind, digests) values (?1, ?2, ?3, cast(?4 as text[]))
                        on conflict (ballot_id, channel, kind) do update set digests =
                            (select array_agg(d order by d) from unnest(paper_set.digests || excluded.digests) as d)
                        """).setParameter(1, ballotId).setParameter(2, channel).setParameter(3, kind)
                .setParameter(4, sorted).executeUpdate()).replaceWithVoid();
    }

    /** Whether the digest is in the set. */
    static Uni<Boolean> contains(UUID ballotId, String channel, String kind, String digest) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select count(*) from paper_set
                        where ballot_id = ?1 and channel = ?2 and kind = ?3 and ?4 = any (digests)
                        """, Long.class).setParameter(1, ballotId).setParameter(2, channel).setParameter(3, kind)
                .setParameter(4, digest).getSingleResult()).map(n -> n > 0);
    }

    /** Papers per channel and set, e.g. {@code {postal: {issued: 200, replaced: 3}}}. */
    static Uni<Map<String, Map<String, Long>>> sizes(UUID ballotId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select channel, kind, cardinality(digests) from paper_set where ballot_id = ?1",
                        Object[].class).setParameter(1, ballotId).getResultList())
                .map(rows -> {
                    Map<String, Map<String, Long>> out = new HashMap<>();
                    rows.forEach(r -> out.computeIfAbsent((String) r[0], c -> new HashMap<>())
                            .put((String) r[1], ((Number) r[2]).longValue()));
                    return out;
                });
    }
}
