package org.selectorate.tally.record;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.RecordEntry;
import org.selectorate.integrity.record.SignedTreeHead;
import org.selectorate.tally.ballot.TallyBallot;

import java.util.List;
import java.util.Map;

/** Reads a ballot's record back from its tables, as the writer resumes it and as it is exported. */
@ApplicationScoped
public class RecordStore {

    private static final int ROWS_PER_INSERT = 500;
    private static final String INSERT_ENTRIES = "insert into record_entry "
            + "(ballot_id, seq, channel, tracker, vote, token, prefix, signature, leaf_hash) values ";
    private static final String INSERT_HEADS = "insert into tree_head (ballot_id, tree_size, root_hash, chain_hash, "
            + "header_hash, signed_at, signature, consistency) values ";

    /**
     * Writes new entries and heads, many rows per statement, in the caller's transaction: native SQL because an
     * entity persist is one statement per row (identity keys), and this runs for every batch of casts.
     */
    public Uni<Void> insert(List<RecordEntryRow> entries, List<TreeHeadRow> heads) {
        List<Object[]> entryValues = entries.stream().map(r -> new Object[]{r.ballotId, r.seq, r.channel, r.tracker,
                r.vote, r.token, r.prefix, r.signature, r.leafHash}).toList();
        List<Object[]> headValues = heads.stream().map(h -> new Object[]{h.ballotId, h.treeSize, h.rootHash,
                h.chainHash, h.headerHash, h.signedAt, h.signature, h.consistency}).toList();
        return insertAll(INSERT_ENTRIES, entryValues).chain(() -> insertAll(INSERT_HEADS, headValues));
    }

    private static Uni<Void> insertAll(String insert, List<Object[]> rows) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            done = done.chain(() -> insertRows(insert, chunk));
        }
        return done;
    }

    private static Uni<Void> insertRows(String insert, List<Object[]> rows) {
        int width = rows.get(0).length;
        StringBuilder sql = new StringBuilder(insert);
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append('(');
            for (int k = 1; k <= width; k++) {
                sql.append(k == 1 ? "" : ", ").append('?').append(i * width + k);
            }
            sql.append(')');
        }
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString());
            for (int i = 0; i < rows.size(); i++) {
                Object[] values = rows.get(i);
                for (int k = 0; k < width; k++) {
                    query.setParameter(i * width + k + 1, values[k]);
                }
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    /** The stored record, with the count report once there is one. Needs a session. */
    public Uni<RecordDocument> document(TallyBallot ballot, Map<String, Object> result) {
        return RecordEntryRow.<RecordEntryRow>list("ballotId = ?1 order by seq", ballot.id)
                .chain(rows -> TreeHeadRow.<TreeHeadRow>list("ballotId = ?1 order by treeSize", ballot.id)
                        .map(heads -> {
                            List<RecordEntry> entries = rows.stream().map(RecordEntryRow::toEntry).toList();
                            List<SignedTreeHead> signed = heads.stream().map(TreeHeadRow::toSigned).toList();
                            return new RecordDocument(ballot.header(), entries, signed,
                                    ballot.markedRegisterCounts(), result);
                        }));
    }
}
