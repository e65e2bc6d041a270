package org.selectorate.membership.roll;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.roll.RollEntries;
import org.selectorate.contracts.roll.RollFrozen;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.merkle.MerkleTree;
import org.selectorate.membership.selection.Selection;
import org.selectorate.support.outbox.Outbox;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Stores a roll version with its entries and records its {@link RollFrozen} and {@link RollEntries}
 * events. Call inside the transaction that decided the version, so the roll and what ballot-service
 * learns of it commit together.
 */
@ApplicationScoped
public class RollWriter {
    /** Entries per insert: a national roll's 800,000 in 80 statements, not one entity each. */
    static final int ENTRY_BATCH = 10_000;
    /** {@code RollEntries} events (of {@value CanonicalRoll#CHUNK} electors) per insert. */
    static final int EVENT_BATCH = 50;
    private static final String INSERT_ENTRIES = """
            insert into roll_entry (selection_id, version, leaf_index, membership_number, name, email, branch, address)
            select ?1, ?2, ?3 + e.n - 1, e.membership_number, e.name, e.email, e.branch, e.address
            from unnest(cast(?4 as text[]), cast(?5 as text[]), cast(?6 as text[]), cast(?7 as text[]),
                        cast(?8 as text[])) with ordinality as e(membership_number, name, email, branch, address, n)
            """;

    /**
     * The selection's eligible members as version 1's entries, in membership-number order (byte order, as Java
     * compares the ASCII numbers, whatever the database's collation), numbered from leaf 0.
     */
    private static final String ELIGIBLE_ENTRIES = """
            insert into roll_entry (selection_id, version, leaf_index, membership_number, name, email, branch, address)
            select ?1, 1, row_number() over (order by membership_number collate "C") - 1, membership_number,
                   first_name || ' ' || last_name, email, branch, address
            from member
            where constituency = ?2 and joined <= ?3 and status = 'active' and not (?4 and arrears)
            """;
    private static final String PAGE = """
            select membership_number, name, email, branch, address from roll_entry
            where selection_id = ?1 and version = 1 and leaf_index >= ?2 and leaf_index < ?3
            order by leaf_index
            """;

    private final Outbox outbox;
    private final ObjectMapper json;

    public RollWriter(Outbox outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    Uni<RollVersion> write(Selection selection, Eligibility rule, int version, CanonicalRoll roll, long changed,
                           String by) {
        RollVersion v = new RollVersion();
        v.selectionId = selection.id;
        v.version = version;
        v.freezeDate = rule.freezeDate();
        v.minimumMonths = rule.minimumMonths();
        v.arrearsDisqualify = rule.arrearsDisqualify();
        v.electorate = roll.electors().size();
        v.merkleRoot = roll.root().hex();
        v.perBranch = write(roll.perBranch());
        v.changed = changed;
        v.leafHashes = roll.packedLeafHashes();
        v.frozenAt = Instant.now();
        v.frozenBy = by;
        int chunks = roll.chunks();
        RollFrozen frozen = new RollFrozen(selection.id, selection.constituency, version, rule.freezeDate(),
                v.electorate, v.merkleRoot, roll.perBranch(), chunks, changed);
        int batches = (roll.electors().size() + ENTRY_BATCH - 1) / ENTRY_BATCH;
        int eventBatches = (chunks + EVENT_BATCH - 1) / EVENT_BATCH;
        return v.<RollVersion>persist()
                // The version row first: the entries reference it.
                .call(() -> Panache.getSession().chain(s -> s.flush()))
                .chain(() -> Multi.createFrom().range(0, batches)
                        .onItem().transformToUniAndConcatenate(b -> entries(selection.id, version, roll, b))
                        .collect().last())
                .chain(() -> outbox.record(Topics.ROLL, selection.id, RollFrozen.TYPE, frozen))
                .chain(() -> Multi.createFrom().range(0, eventBatches)
                        .onItem().transformToUniAndConcatenate(b -> {
                            List<RollEntries> events = new ArrayList<>(EVENT_BATCH);
                            for (int i = b * EVENT_BATCH; i < Math.min(chunks, (b + 1) * EVENT_BATCH); i++) {
                                events.add(new RollEntries(selection.id, version, i, chunks, roll.chunk(i)));
                            }
                            return outbox.recordAll(Topics.ROLL, selection.id, RollEntries.TYPE, events);
                        })
                        .collect().last())
                .replaceWith(v);
    }

    /**
     * Version 1 of the selection's roll, built where the members are: the database sorts the eligible members and
     * writes them as entries in one statement; the entries are then read back a page at a time, once to hash the
     * leaves (root, per-branch counts) and once more, after {@link RollFrozen}, to record the {@link RollEntries}
     * events. Only a page of electors and the leaf hashes (32 bytes an elector) are ever held, so a national roll
     * freezes in seconds and little memory.
     */
    Uni<RollVersion> freeze(Selection selection, Eligibility rule, String by) {
        RollVersion v = new RollVersion();
        v.selectionId = selection.id;
        v.version = 1;
        v.freezeDate = rule.freezeDate();
        v.minimumMonths = rule.minimumMonths();
        v.arrearsDisqualify = rule.arrearsDisqualify();
        // Filled in below, in the same transaction, once the entries are hashed.
        v.merkleRoot = "";
        v.perBranch = "{}";
        v.leafHashes = new byte[0];
        v.frozenAt = Instant.now();
        v.frozenBy = by;
        return v.<RollVersion>persist()
                .call(() -> Panache.getSession().chain(s -> s.flush()))
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(ELIGIBLE_ENTRIES)
                        .setParameter(1, selection.id).setParameter(2, selection.constituency)
                        .setParameter(3, rule.latestJoinDate()).setParameter(4, rule.arrearsDisqualify())
                        .executeUpdate()))
                .chain(electorate -> hash(selection.id, electorate).map(hashed -> {
                    v.electorate = electorate;
                    v.merkleRoot = hashed.tree().root().hex();
                    v.perBranch = write(hashed.perBranch());
                    v.leafHashes = hashed.packed().toByteArray();
                    return hashed;
                }))
                .chain(hashed -> {
                    int chunks = (int) ((v.electorate + CanonicalRoll.CHUNK - 1) / CanonicalRoll.CHUNK);
                    RollFrozen frozen = new RollFrozen(selection.id, selection.constituency, 1, rule.freezeDate(),
                            v.electorate, v.merkleRoot, hashed.perBranch(), chunks, 0);
                    return outbox.record(Topics.ROLL, selection.id, RollFrozen.TYPE, frozen)
                            .chain(() -> pages(selection.id, v.electorate, (from, electors) -> {
                                List<RollEntries> events = new ArrayList<>();
                                for (int i = 0; i < electors.size(); i += CanonicalRoll.CHUNK) {
                                    events.add(new RollEntries(selection.id, 1, (from + i) / CanonicalRoll.CHUNK,
                                            chunks, electors.subList(i, Math.min(electors.size(), i + CanonicalRoll.CHUNK))));
                                }
                                return outbox.recordAll(Topics.ROLL, selection.id, RollEntries.TYPE, events);
                            }));
                })
                .replaceWith(v);
    }

    /** The leaf hashes of version 1's entries, in leaf order. */
    private record Hashed(MerkleTree tree, ByteArrayOutputStream packed, SortedMap<String, Long> perBranch) {
    }

    private Uni<Hashed> hash(String selectionId, long electorate) {
        Hashed hashed = new Hashed(new MerkleTree(), new ByteArrayOutputStream((int) electorate * Digest.LENGTH),
                new TreeMap<>());
        return pages(selectionId, electorate, (from, electors) -> {
            for (RollEntries.Elector e : electors) {
                Digest leaf = CanonicalRoll.leafHash(CanonicalRoll.leaf(e));
                hashed.tree().append(leaf);
                hashed.packed().writeBytes(leaf.toBytes());
                hashed.perBranch().merge(e.branch(), 1L, Long::sum);
            }
            return Uni.createFrom().voidItem();
        }).replaceWith(hashed);
    }

    /** Version 1's entries read {@value #ENTRY_BATCH} at a time, each page handed to {@code each} in turn. */
    private static Uni<Void> pages(String selectionId, long electorate,
                                   BiFunction<Integer, List<RollEntries.Elector>, Uni<Void>> each) {
        int pages = (int) ((electorate + ENTRY_BATCH - 1) / ENTRY_BATCH);
        return Multi.createFrom().range(0, pages)
                .onItem().transformToUniAndConcatenate(p -> Panache.getSession().chain(s -> s.createNativeQuery(PAGE,
                                Object[].class)
                        .setParameter(1, selectionId).setParameter(2, p * ENTRY_BATCH)
                        .setParameter(3, (p + 1) * ENTRY_BATCH)
                        .getResultList())
                        .chain(rows -> {
                            List<RollEntries.Elector> electors = new ArrayList<>(rows.size());
                            for (Object[] r : rows) {
                                electors.add(new RollEntries.Elector((String) r[0], (String) r[1], (String) r[2],
                                        (String) r[3], (String) r[4]));
                            }
                            return each.apply(p * ENTRY_BATCH, electors);
                        }))
                .collect().last()
                .replaceWithVoid();
    }

    /** Batch {@code b} of the roll's entries, in one statement. */
    private static Uni<Integer> entries(String selectionId, int version, CanonicalRoll roll, int b) {
        int from = b * ENTRY_BATCH;
        int to = Math.min(roll.electors().size(), from + ENTRY_BATCH);
        int n = to - from;
        String[] number = new String[n];
        String[] name = new String[n];
        String[] email = new String[n];
        String[] branch = new String[n];
        String[] address = new String[n];
        for (int i = 0; i < n; i++) {
            RollEntries.Elector e = roll.electors().get(from + i);
            number[i] = e.membershipNumber();
            name[i] = e.name();
            email[i] = e.email();
            branch[i] = e.branch();
            address[i] = e.address();
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(INSERT_ENTRIES)
                .setParameter(1, selectionId).setParameter(2, version).setParameter(3, from)
                .setParameter(4, number).setParameter(5, name).setParameter(6, email).setParameter(7, branch)
                .setParameter(8, address)
                .executeUpdate());
    }

    RollView view(Selection selection, RollVersion v) {
        return new RollView(v.selectionId, selection.constituency, v.version, v.merkleRoot, v.electorate,
                read(v.perBranch), v.freezeDate, v.frozenAt, v.changed);
    }

    private String write(Map<String, Long> perBranch) {
        try {
            return json.writeValueAsString(perBranch);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Long> read(String perBranch) {
        try {
            return json.readValue(perBranch, new TypeReference<TreeMap<String, Long>>() {
            });
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
