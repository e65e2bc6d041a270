package org.selectorate.tally.record;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.file.OpenOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.file.AsyncFile;
import io.vertx.mutiny.core.file.FileSystem;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.integrity.blind.Credential;
import org.selectorate.integrity.record.Certification;
import org.selectorate.integrity.record.Channel;
import org.selectorate.integrity.record.ChannelAccount;
import org.selectorate.integrity.record.PublicRecord;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.RecordEntry;
import org.selectorate.integrity.record.SignedTreeHead;
import org.selectorate.integrity.record.TreeHeadSigner;
import org.selectorate.tally.ballot.TallyBallot;
import org.selectorate.verifier.recount.RecordCount;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A ballot's record and held casts in their tables: the writer's batch statements, and the record read back as the
 * writer resumes it, as it is counted and as it is exported.
 */
@ApplicationScoped
public class RecordStore {

    // One array per column: the same statement text for every batch size (prepared once per connection), and
    // nine parameters to bind rather than nine per row.
    private static final String INSERT_ENTRIES = "insert into record_entry "
            + "(ballot_id, seq, channel, tracker, vote, token, prefix, signature, leaf_hash, paper_batch, paper_item) "
            + "select * from unnest(cast(?1 as text[]), cast(?2 as bigint[]), cast(?3 as text[]), cast(?4 as text[]), "
            + "cast(?5 as text[]), cast(?6 as text[]), cast(?7 as text[]), cast(?8 as text[]), cast(?9 as text[]), "
            + "cast(?10 as text[]), cast(?11 as bigint[]))";
    private static final String INSERT_HEADS = "insert into tree_head (ballot_id, tree_size, root_hash, chain_hash, "
            + "header_hash, signed_at, signature, consistency) select * from unnest(cast(?1 as text[]), "
            + "cast(?2 as bigint[]), cast(?3 as text[]), cast(?4 as text[]), cast(?5 as text[]), cast(?6 as text[]), "
            + "cast(?7 as text[]), cast(?8 as text[]))";

    // A cast already held (the same token MAC) or on the record (whose tokens are public) is not held again: a
    // redelivery, or a token reused past the endpoint. The token is only a parameter of that look-up; the row keeps
    // its MAC and the sealed cast. Bytes travel as hex text arrays, as every other column here travels as text.
    private static final String HOLD = "insert into pending_cast (ballot_id, token_mac, sealed) "
            + "select p.ballot_id, decode(p.token_mac, 'hex'), decode(p.sealed, 'hex') from unnest("
            + "cast(?1 as text[]), cast(?2 as text[]), cast(?3 as text[]), cast(?4 as text[])) "
            + "as p(ballot_id, token, token_mac, sealed) where not exists (select 1 from record_entry e "
            + "where e.ballot_id = p.ballot_id and e.token = p.token) on conflict do nothing returning ballot_id";
    private static final String TAKE = "delete from pending_cast where ballot_id = any(cast(?1 as text[])) "
            + "returning ballot_id, encode(sealed, 'hex')";
    private static final HexFormat HEX = HexFormat.of();
    private static final String DRAINED = "update tally_ballot set casts_drained = true where id = ?1";
    private static final String FINAL = "update tally_ballot set casts_drained = true, count_due = true, "
            + "tree_head_private = null where id = ?1";

    // A record is read back a page at a time, as rows, not entities: a national record is 480,000 entries, and
    // neither the writer's resumption, the count nor the export needs more than one page of them at once.
    private static final String ENTRY_PAGE = "select seq, channel, tracker, vote, token, prefix, signature, "
            + "paper_batch, paper_item, leaf_hash from record_entry where ballot_id = ?1 and seq >= ?2 "
            + "order by seq limit ?3";
    private static final String VOTE_PAGE = "select seq, channel, vote from record_entry "
            + "where ballot_id = ?1 and seq >= ?2 order by seq limit ?3";

    private final int page;
    private final Vertx vertx;

    public RecordStore(TallyConfig config, Vertx vertx) {
        this.vertx = vertx;
        this.page = config.readPage();
        if (page < 1) {
            throw new IllegalStateException("selectorate.tally.read-page must be at least 1");
        }
    }

    /** Holds casts until their ballot's next mix, in the caller's transaction; the ballot id of each one held. */
    public Uni<List<String>> hold(List<HeldCast> casts) {
        if (casts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(HOLD, String.class)
                .setParameter(1, column(casts, HeldCast::ballotId))
                .setParameter(2, column(casts, HeldCast::token))
                .setParameter(3, column(casts, c -> HEX.formatHex(c.tokenMac())))
                .setParameter(4, column(casts, c -> HEX.formatHex(c.sealed())))
                .getResultList());
    }

    /**
     * Removes every cast held for these ballots, in the caller's transaction (the mix's), and returns them sealed,
     * by ballot.
     */
    public Uni<Map<String, List<byte[]>>> take(List<String> ballotIds) {
        return Panache.getSession().chain(session -> session.createNativeQuery(TAKE, Object[].class)
                        .setParameter(1, ballotIds.toArray(String[]::new))
                        .getResultList())
                .map(rows -> {
                    Map<String, List<byte[]>> byBallot = new HashMap<>();
                    rows.forEach(row -> byBallot.computeIfAbsent((String) row[0], id -> new ArrayList<>())
                            .add(HEX.parseHex((String) row[1])));
                    return byBallot;
                });
    }

    /** How many casts are held for the ballot. Needs a session. */
    public Uni<Long> held(String ballotId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select count(*) from pending_cast where ballot_id = ?1", Long.class)
                .setParameter(1, ballotId)
                .getSingleResult());
    }

    /**
     * Writes new entries and heads, one statement each, in the caller's transaction: native SQL because an entity
     * persist is one statement per row (identity keys), and this runs for every batch of casts.
     */
    public Uni<Void> insert(List<RecordEntryRow> entries, List<TreeHeadRow> heads) {
        Uni<Void> done = entries.isEmpty() ? Uni.createFrom().voidItem() : execute(INSERT_ENTRIES,
                column(entries, r -> r.ballotId), entries.stream().map(r -> r.seq).toArray(Long[]::new),
                column(entries, r -> r.channel), column(entries, r -> r.tracker), column(entries, r -> r.vote),
                column(entries, r -> r.token), column(entries, r -> r.prefix), column(entries, r -> r.signature),
                column(entries, r -> r.leafHash), column(entries, r -> r.paperBatch),
                entries.stream().map(r -> r.paperItem).toArray(Long[]::new));
        return heads.isEmpty() ? done : done.chain(() -> execute(INSERT_HEADS,
                column(heads, h -> h.ballotId), heads.stream().map(h -> h.treeSize).toArray(Long[]::new),
                column(heads, h -> h.rootHash), column(heads, h -> h.chainHash), column(heads, h -> h.headerHash),
                column(heads, h -> h.signedAt), column(heads, h -> h.signature), column(heads, h -> h.consistency)));
    }

    private static <T> String[] column(List<T> rows, Function<T, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    private static Uni<Void> execute(String sql, Object... arrays) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            for (int k = 0; k < arrays.length; k++) {
                query.setParameter(k + 1, arrays[k]);
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    /**
     * The stored record without its entries (header, heads, marked register), with the count report, the paper
     * account and the certification given: what {@link #export} writes around the entries. Needs a session.
     */
    public Uni<RecordDocument> withoutEntries(TallyBallot ballot, Map<String, Object> result,
                                              Map<Channel, ChannelAccount> paperAccount, Certification certification) {
        return heads(ballot.id).map(heads -> new RecordDocument(ballot.header(), List.of(), heads,
                ballot.markedRegisterCounts(), result, paperAccount, certification));
    }

    /**
     * The whole record as its export's text, its entries written to a temporary file a page at a time (a national
     * record is far larger than this service's heap), returned open for reading; the file's name is already gone,
     * so it disappears once the reader closes it. Needs a session.
     */
    public Uni<AsyncFile> export(RecordDocument withoutEntries) {
        RecordCodec.Writer writer = new RecordCodec.Writer(withoutEntries);
        String ballotId = withoutEntries.ballotId();
        FileSystem fs = vertx.fileSystem();
        return fs.createTempFile("selectorate-record-" + ballotId.replaceAll("[^A-Za-z0-9-]", "_") + "-", ".json")
                .chain(name -> fs.open(name, new OpenOptions().setWrite(true))
                        .chain(file -> file.write(Buffer.buffer(writer.opening()))
                                .chain(() -> pages(ENTRY_PAGE, ballotId, rows -> {
                                    StringBuilder text = new StringBuilder(rows.size() * 1400);
                                    rows.forEach(row -> text.append(writer.entry(entry(row))));
                                    return file.write(Buffer.buffer(text.toString()));
                                }))
                                .chain(() -> file.write(Buffer.buffer(writer.closing())))
                                .eventually(() -> {
                                    return file.close();
                                }))
                        .chain(() -> fs.open(name, new OpenOptions().setRead(true)))
                        .chain(file -> fs.props(name).invoke(props -> file.setReadLength(props.size()))
                                .replaceWith(file))
                        .eventually(() -> {
                            return fs.delete(name);
                        }));
    }

    /**
     * The writer's record of the ballot rebuilt from its stored entries and heads, in the caller's transaction,
     * keeping none of the entries in memory.
     */
    public Uni<PublicRecord> resume(TallyBallot ballot, TreeHeadSigner signer) {
        PublicRecord.Resumption resumption = PublicRecord.resumeFromStore(ballot.header(), signer);
        return pages(ENTRY_PAGE, ballot.id, rows -> {
            rows.forEach(row -> resumption.replay(entry(row)));
            return Uni.createFrom().voidItem();
        }).chain(() -> heads(ballot.id)).map(resumption::finish);
    }

    /**
     * Every vote on the ballot's record taken into a tally, a page at a time, in the caller's transaction (the
     * count's, which holds the ballot's row and reads a final record).
     */
    public Uni<RecordCount.Tally> tally(TallyBallot ballot) {
        RecordCount.Tally tally = new RecordCount.Tally(ballot.header());
        return pages(VOTE_PAGE, ballot.id, rows -> {
            rows.forEach(row -> tally.add((Long) row[0], Channel.fromId((String) row[1]),
                    RecordEntryRow.voteList((String) row[2])));
            return Uni.createFrom().voidItem();
        }).replaceWith(tally);
    }

    /**
     * Marks the ballot's online casts drained and, for a {@code finalRecord}, its count due and its tree-head key
     * erased, in the caller's transaction: one statement writing these columns alone, so a release or a count
     * request committing meanwhile is not written over by a stale copy of the row.
     */
    public Uni<Void> drained(String ballotId, boolean finalRecord) {
        return execute(finalRecord ? FINAL : DRAINED, ballotId);
    }

    /** The ballot's last signed head: a final record's, the one its count is published under. Needs a session. */
    public Uni<SignedTreeHead> lastHead(String ballotId) {
        return TreeHeadRow.<TreeHeadRow>find("ballotId = ?1 order by treeSize desc", ballotId).firstResult()
                .map(TreeHeadRow::toSigned);
    }

    private static Uni<List<SignedTreeHead>> heads(String ballotId) {
        return TreeHeadRow.<TreeHeadRow>list("ballotId = ?1 order by treeSize", ballotId)
                .map(heads -> heads.stream().map(TreeHeadRow::toSigned).toList());
    }

    /** A row of {@link #ENTRY_PAGE} as the entry it stores. */
    private static RecordEntry entry(Object[] row) {
        return new RecordEntry((Long) row[0], Channel.fromId((String) row[1]), (String) row[2],
                RecordEntryRow.voteList((String) row[3]), (String) row[4],
                row[6] == null ? null : new Credential((String) row[5], (String) row[6]),
                RecordEntryRow.paper((String) row[7], (Long) row[8]), (String) row[9]);
    }

    /**
     * Reads the ballot's rows of {@code sql} a page at a time, each page taken before the next. A loop, not a
     * recursion: a chain of pages would keep every page's rows reachable until the last one, the whole record.
     */
    private Uni<Void> pages(String sql, String ballotId, Function<List<Object[]>, Uni<Void>> eachPage) {
        long[] next = {0};
        return Multi.createBy().repeating()
                .uni(() -> Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                                .setParameter(1, ballotId)
                                .setParameter(2, next[0])
                                .setParameter(3, page)
                                .getResultList())
                        .call(rows -> {
                            if (!rows.isEmpty()) {
                                next[0] = (Long) rows.get(rows.size() - 1)[0] + 1;
                            }
                            return eachPage.apply(rows);
                        })
                        .map(List::size))
                .whilst(n -> n == page)
                .collect().last()
                .replaceWithVoid();
    }
}
