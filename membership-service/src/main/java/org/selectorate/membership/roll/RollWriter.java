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
import org.selectorate.membership.selection.Selection;
import org.selectorate.support.outbox.Outbox;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stores a roll version with its entries and records its {@link RollFrozen} and {@link RollEntries}
 * events. Call inside the transaction that decided the version, so the roll and what ballot-service
 * learns of it commit together.
 */
@ApplicationScoped
public class RollWriter {
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
        List<RollEntry> entries = new ArrayList<>(roll.electors().size());
        for (int i = 0; i < roll.electors().size(); i++) {
            RollEntries.Elector e = roll.electors().get(i);
            RollEntry entry = new RollEntry();
            entry.selectionId = selection.id;
            entry.version = version;
            entry.leafIndex = i;
            entry.membershipNumber = e.membershipNumber();
            entry.name = e.name();
            entry.email = e.email();
            entry.branch = e.branch();
            entry.address = e.address();
            entries.add(entry);
        }
        int chunks = roll.chunks();
        RollFrozen frozen = new RollFrozen(selection.id, selection.constituency, version, rule.freezeDate(),
                v.electorate, v.merkleRoot, roll.perBranch(), chunks, changed);
        return v.<RollVersion>persist()
                .chain(() -> Panache.getSession().chain(s -> s.persistAll(entries.toArray())))
                .chain(() -> outbox.record(Topics.ROLL, selection.id, RollFrozen.TYPE, frozen))
                .chain(() -> Multi.createFrom().range(0, chunks)
                        .onItem().transformToUniAndConcatenate(i -> outbox.record(Topics.ROLL, selection.id,
                                RollEntries.TYPE, new RollEntries(selection.id, version, i, chunks, roll.chunk(i))))
                        .collect().last())
                .replaceWith(v);
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
