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

    /** Writes new entries (many rows per statement) and heads, in the caller's transaction. */
    public Uni<Void> insert(List<RecordEntryRow> entries, List<TreeHeadRow> heads) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (int from = 0; from < entries.size(); from += ROWS_PER_INSERT) {
            List<RecordEntryRow> chunk = entries.subList(from, Math.min(entries.size(), from + ROWS_PER_INSERT));
            done = done.chain(() -> insertEntries(chunk));
        }
        return heads.isEmpty() ? done : done.chain(() -> TreeHeadRow.persist(heads));
    }

    private static Uni<Void> insertEntries(List<RecordEntryRow> rows) {
        StringBuilder sql = new StringBuilder(INSERT_ENTRIES);
        for (int i = 0; i < rows.size(); i++) {
            int p = i * 9;
            sql.append(i == 0 ? "" : ", ").append('(');
            for (int k = 1; k <= 9; k++) {
                sql.append(k == 1 ? "" : ", ").append('?').append(p + k);
            }
            sql.append(')');
        }
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString());
            for (int i = 0; i < rows.size(); i++) {
                RecordEntryRow r = rows.get(i);
                Object[] values = {r.ballotId, r.seq, r.channel, r.tracker, r.vote, r.token, r.prefix, r.signature,
                        r.leafHash};
                for (int k = 0; k < values.length; k++) {
                    query.setParameter(i * 9 + k + 1, values[k]);
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
