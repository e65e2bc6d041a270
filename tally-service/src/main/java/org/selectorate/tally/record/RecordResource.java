package org.selectorate.tally.record;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.integrity.blind.Credential;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.record.Channel;
import org.selectorate.integrity.record.RecordEntry;
import org.selectorate.integrity.tracker.Tracker;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;
import org.selectorate.tally.ballot.TallyBallot;
import org.selectorate.tally.certification.CertificationDecision;
import org.selectorate.tally.count.BallotResult;

import java.util.List;

@Path("/api/tally")
@Tag(name = "record", description = "The public record of a ballot: entries, proofs, the export")
public class RecordResource {
    /**
     * The ballot's publication state, and the entry with the latest head if that head covers it: a ballot whose
     * record is withheld answers the same whether or not the tracker is on it.
     */
    private static final String ENTRY_UNDER_HEAD = "select b.kind, b.release, b.status, x.* from tally_ballot b "
            + "left join lateral (select e.seq, e.tracker, e.vote, e.channel, e.leaf_hash, e.token, e.prefix, "
            + "e.signature as credential_signature, e.paper_batch, e.paper_item, h.tree_size, h.root_hash, "
            + "h.chain_hash, h.header_hash, "
            + "h.signed_at, h.signature from record_entry e join lateral (select * from tree_head t "
            + "where t.ballot_id = e.ballot_id order by t.tree_size desc limit 1) h on h.tree_size > e.seq "
            + "where e.ballot_id = b.id and e.tracker = $2) x on true where b.id = $1";

    /** The ballot's publication state, record key and latest head, if any: one statement, as voters' pages poll it. */
    private static final String LATEST_HEAD = "select b.kind, b.release, b.status, b.tree_head_public, "
            + "h.tree_size, h.root_hash, h.chain_hash, h.header_hash, h.signed_at, h.signature from tally_ballot b "
            + "left join lateral (select * from tree_head t where t.ballot_id = b.id order by t.tree_size desc "
            + "limit 1) h on true where b.id = $1";

    private final RecordStore store;
    private final ProofCache proofs;
    private final SecurityIdentity identity;
    private final Pool pool;

    public RecordResource(RecordStore store, ProofCache proofs, SecurityIdentity identity, Pool pool) {
        this.store = store;
        this.proofs = proofs;
        this.identity = identity;
        this.pool = pool;
    }

    @GET
    @Path("/public/ballots/{ballotId}/entries/{tracker}")
    @Operation(operationId = "getRecordEntry",
            summary = "A voter's entry by tracker, with an inclusion proof against the latest signed tree head")
    public Uni<EntryView> entry(@PathParam("ballotId") String ballotId, @PathParam("tracker") String typed) {
        Tracker tracker;
        try {
            tracker = Tracker.parse(typed);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(ProblemException.badRequest("not a tracker: " + e.getMessage(),
                    List.of("tracker: 16 symbols of Crockford base32, e.g. FFV1-CP61-8DH2-Y6G6")));
        }
        // Voters poll this until their entry is recorded, so it is one statement on the pool (no Hibernate
        // session): the ballot, and the entry with the latest head, if that head covers it (unique indexes on
        // ballot_id, tracker and ballot_id, tree_size).
        return pool.preparedQuery(ENTRY_UNDER_HEAD).execute(Tuple.of(ballotId, tracker.value()))
                .chain(rows -> {
                    Row row = rows.size() == 0 ? null : rows.iterator().next();
                    if (row != null) {
                        requirePublished(ballotId, row, TallyBallot.Published.RECORD);
                    }
                    if (row == null || row.getValue("seq") == null) {
                        // Recorded means covered by a signed head: only then can the voter check it.
                        throw ProblemException.notFound("an entry with tracker " + tracker.value()
                                + " on a signed head of ballot " + ballotId + " (casts take a few seconds)");
                    }
                    long seq = row.getLong("seq");
                    EntryView.Head head = new EntryView.Head(row.getLong("tree_size"), row.getString("root_hash"),
                            row.getString("chain_hash"), row.getString("header_hash"), row.getString("signed_at"),
                            row.getString("signature"));
                    String signature = row.getString("credential_signature");
                    RecordEntry entry = new RecordEntry(seq, Channel.fromId(row.getString("channel")),
                            row.getString("tracker"), RecordEntryRow.voteList(row.getString("vote")),
                            row.getString("token"), signature == null ? null
                            : new Credential(row.getString("prefix"), signature),
                            RecordEntryRow.paper(row.getString("paper_batch"), row.getLong("paper_item")),
                            row.getString("leaf_hash"));
                    return proofs.proof(ballotId, seq, head.treeSize()).map(proof -> new EntryView(ballotId,
                            entry.tracker(), entry.vote(), entry.channel().id(), seq, entry.leafHash(),
                            entry.leafValue(), head, proof.path().stream().map(Digest::hex).toList()));
                });
    }

    /** The record's public key and latest signed head; {@code treeHead} is null until the first batch is appended. */
    public record HeadView(@Schema(example = RecordExamples.BALLOT_ID) String ballotId,
                           @Schema(example = RecordExamples.RECORD_KEY) String publicKey,
                           EntryView.Head treeHead) {
    }

    @GET
    @Path("/public/ballots/{ballotId}/head")
    @Operation(operationId = "getRecordHead",
            summary = "The record's Ed25519 key (base64url, raw) and its latest signed tree head",
            description = "What a voter's page checks an entry's inclusion proof and head signature against. "
                    + "{ballotId, publicKey, treeHead: {treeSize, rootHash, chainHash, headerHash, timestamp, "
                    + "signature} or null before the first batch is on the record}. 404 for an unknown ballot, and "
                    + "for a meeting ballot whose record is withheld or published as totals only.")
    public Uni<HeadView> head(@PathParam("ballotId") String ballotId) {
        return pool.preparedQuery(LATEST_HEAD).execute(Tuple.of(ballotId)).map(rows -> {
            if (rows.size() == 0) {
                throw ProblemException.notFound("ballot " + ballotId);
            }
            Row row = rows.iterator().next();
            requirePublished(ballotId, row, TallyBallot.Published.RECORD);
            EntryView.Head head = row.getValue("tree_size") == null ? null : new EntryView.Head(
                    row.getLong("tree_size"), row.getString("root_hash"), row.getString("chain_hash"),
                    row.getString("header_hash"), row.getString("signed_at"), row.getString("signature"));
            return new HeadView(ballotId, row.getString("tree_head_public"), head);
        });
    }

    @GET
    @Path("/public/ballots/{ballotId}/record")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @WithSession
    @Operation(operationId = "exportRecord",
            summary = "The whole public record after the count (schema selectorate-record/1), or BLT with "
            + "?format=blt or Accept: text/plain; 404 for a meeting ballot withheld or published as totals only")
    // Documented, or a generated client's method would return nothing: the record is what an integration exports.
    @APIResponse(responseCode = "200", description = "The public record", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    description = "The record, schema selectorate-record/1: header, entries, tree heads, marked "
                            + "register, result, paper account and certification")),
            @Content(mediaType = MediaType.TEXT_PLAIN, example = RecordExamples.BLT, schema = @Schema(
                    type = SchemaType.STRING, description = "The entries as BLT, for other counting software"))})
    public Uni<Response> record(@PathParam("ballotId") String ballotId, @QueryParam("format") String format,
                                @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean blt = "blt".equalsIgnoreCase(format)
                || (format == null && accept != null && accept.startsWith(MediaType.TEXT_PLAIN));
        if (format != null && !blt && !"json".equalsIgnoreCase(format)) {
            return Uni.createFrom().failure(ProblemException.badRequest("unknown format " + format,
                    List.of("format: json or blt")));
        }
        return BallotResult.of(ballotId, TallyBallot.Published.RECORD)
                .chain(result -> TallyBallot.<TallyBallot>findById(ballotId).chain(ballot -> blt
                        ? store.tally(ballot).map(votes -> Response.ok(votes.blt(), MediaType.TEXT_PLAIN)
                                .header("Content-Disposition", "attachment; filename=\"" + ballotId + ".blt\"")
                                .build())
                        // the scrutineer's standing decision, signed over the final head, travels with the record
                        : CertificationDecision.standing(ballotId)
                                .chain(c -> store.withoutEntries(ballot, result.reportValue(),
                                        result.paperAccountValue(), c))
                                .chain(store::export)
                                .map(file -> Response.ok(file, MediaType.APPLICATION_JSON).build())));
    }

    @GET
    @Path("/ballots/{ballotId}/progress")
    @WithSession
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE, Roles.INTEGRATION})
    @Operation(operationId = "getRecordProgress",
            summary = "How many entries a ballot's record holds so far (a count only)")
    public Uni<Progress> progress(@PathParam("ballotId") String ballotId) {
        Caller caller = Caller.of(identity);
        return TallyBallot.<TallyBallot>findById(ballotId)
                .invoke(ballot -> {
                    // tally-service does not learn regions: beyond HQ, the token must name the constituency.
                    if (ballot == null || !(caller.isHq() || caller.constituencies().contains(ballot.constituency))) {
                        throw ProblemException.notFound("ballot " + ballotId);
                    }
                    // Even a count of entries is a running tally of turnout at a meeting: withheld too.
                    ballot.requirePublished(TallyBallot.Published.TOTALS);
                })
                .chain(ballot -> RecordEntryRow.count("ballotId", ballotId)
                        .map(n -> new Progress(ballotId, ballot.status, n)));
    }

    public record Progress(@Schema(example = RecordExamples.BALLOT_ID) String ballotId,
                           @Schema(example = "open") String status,
                           @Schema(example = "301") long entries) {
    }

    private static void requirePublished(String ballotId, Row row, TallyBallot.Published needed) {
        TallyBallot.requirePublished(ballotId, row.getString("kind"), row.getString("release"),
                row.getString("status"), needed);
    }
}
