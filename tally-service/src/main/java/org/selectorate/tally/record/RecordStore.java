package org.selectorate.tally.record;

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
