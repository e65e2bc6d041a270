package org.selectorate.ballot.issuance;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.selectorate.ballot.ballot.AccessCodes;
import org.selectorate.ballot.ballot.Ballot;
import org.selectorate.ballot.ballot.BallotKeys;
import org.selectorate.ballot.turnout.MarkedRegister;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.CredentialIssued;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.support.keys.KeyVault;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.support.problem.Problem;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Redeems an access code for a blind signature. The member is marked in the register and
 * {@link CredentialIssued} is emitted in one transaction; the signature is made only after it commits, so no
 * signature ever leaves without its mark. The issuer never sees the token, only the blinded message.
 * <p>
 * The hottest path of a ballot, so plain SQL on a Vert.x connection rather than entities: the lock, one statement
 * that reads the ballot, finds the elector and marks them, and the event's insert.
 */
@ApplicationScoped
public class IssuanceService {
    /**
     * The ballot's state, the code's elector and the mark, in one statement after the lock's. The mark is made only
     * while the ballot is open; if a later check refuses (a blinded message that does not fit the key), the
     * transaction rolls it back. The mark keeps the day only ($5): the time ($3) only decides whether the ballot
     * is still open. The issuance adds one to its hour's count ($6, one of a few shards $7: {@link IssuanceHours}),
     * which names nobody. {@code marked_by} is the channel of a mark made before (a postal pack, a paper at a
     * meeting): one vote per member across channels, and the refusal names it. The mark's id ($8) is a keyed hash
     * of the blinded message, so the same request again (its answer lost to a crash or a cut connection) is known
     * ({@code marked_id}) and answered with the same blind signature instead of being refused.
     */
    private static final String REDEEM = """
            with b as (select title, status, variant, closes_at > $3 as before_close from ballot where id = $1),
                 e as (select e.membership_number, e.email from access_code a join elector e on e.id = a.elector_id
                       where a.ballot_id = $1 and a.code_hash = $2),
                 x as (select r.channel, r.id from marked_register r join e on r.membership_number = e.membership_number
                       where r.ballot_id = $1),
                 m as (insert into marked_register (id, ballot_id, membership_number, channel, marked_on)
                       select $8, $1, e.membership_number, $4, $5 from e, b
                       where b.status = 'OPEN' and b.before_close
                       on conflict (ballot_id, membership_number) do nothing
                       returning 1),
                 h as (insert into issuance_hour (ballot_id, hour, shard, issued)
                       select $1, $6, $7, 1 from m
                       on conflict (ballot_id, hour, shard) do update set issued = issuance_hour.issued + 1
                       returning 1)
            select b.title, b.status, b.variant, b.before_close, e.email, exists (select 1 from m) as marked,
                   (select channel from x) as marked_by, (select id from x) as marked_id
            from b left join e on true
            """;

    private final Pool pool;
    private final Outbox outbox;
    private final BallotKeys keys;
    private final KeyVault vault;

    public IssuanceService(Pool pool, Outbox outbox, BallotKeys keys, KeyVault vault) {
        this.pool = pool;
        this.outbox = outbox;
        this.keys = keys;
        this.vault = vault;
    }

    // Examples for the API contract (unpadded base64url, 256 bytes each): a random message blinded for the ballot's
    // example key (BallotViews.CREDENTIAL_KEY) and its blind signature by that key's thrown-away private half.
    private static final String EXAMPLE_BLINDED =
            "29X20vCVKa-B3anaFPUHkWjgawxPJ7NcEbWuzaOGo6C3MNiP4eikqh-duN2KOwndVL7H2DXDN0SvkpqR9IcxFc1CXsOPE4mZiGlR"
            + "DbSgJRfh_4OrJqJljzJSFVPgFL4Ayqfpv9AHJKEjz0k_D-vd-I0aa___mjkUIzXp4mbOqfq5aewH8fg6ea83HYfYqPBlo_lvDlFD"
            + "bR_NaGFcgGkIR9wVnmpAnDjya2i0jr8TwXHQsAkNYlkJkj-4HScG5VQm6uDSwRwzlGRHPSErqVBmbYpJlu-0R8DOtIQ4tcQfnf0s"
            + "uF8_SiTjml2ZgBf14vxXTa0phs6DSWBqBumrhaC8ww";
    private static final String EXAMPLE_SIGNATURE =
            "U966qobgdotnjPvhYgUm_OIRteFhimO3id2pW4dTvgcVKqB9M9NW2LnlDGptnCyZuBnBs1DVeu352waIcewBm6J_ZjjYZ0TlB7ix"
            + "W4elcI6ZEB7kW8-zxEDV7QL1t3Vp-JTF86DpScjwJjFtw_wB473zWm5h4l7jJ_2OPdwTqUbwAllGOTzMtsZo3-1sf10yRCemFmu2"
            + "YyQqSYgex0QEczIpI5zhVCLlrB2ghHQbQ6-Kbv4wMeUHu7Io9kM5F_WbBrC9vtzxd9NfEIsGV7kAa60N8ZpvV46BjZzHyLjVN4Vv"
            + "IP-MeuCeuV8TP6VfgHgymNxCdd360vZpJbYJJpgyPw";

    /** @param accessCode as mailed (the example is made up: a real code is 80 random bits) */
    public record CredentialRequest(@Schema(example = "ABCD-EFGH-JKMN-PQRS") @NotBlank String accessCode,
                                    @Schema(example = EXAMPLE_BLINDED) @NotBlank String blindedMessage) {
    }

    public record CredentialResponse(@Schema(example = EXAMPLE_SIGNATURE) String blindSignature) {
    }

    public Uni<CredentialResponse> issue(UUID ballotId, CredentialRequest request) {
        String code = AccessCodes.normalise(request.accessCode());
        if (code == null) {
            return Uni.createFrom().failure(ProblemException.badRequest("that is not an access code",
                    List.of("accessCode: " + AccessCodes.SYMBOLS + " letters and digits, as sent by email")));
        }
        byte[] blinded;
        try {
            blinded = Base64Url.decode(request.blindedMessage());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(ProblemException.badRequest("the blinded message is not base64url",
                    List.of("blindedMessage: unpadded base64url")));
        }
        Instant now = Instant.now();
        // The day, never the time: the mark and the event are what officials and the member get to see.
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        UUID markId = markId(ballotId, blinded);
        return pool.withTransaction(conn -> IssuanceLock.shared(conn, ballotId)
                        .chain(() -> conn.preparedQuery(REDEEM).execute(Tuple.of(ballotId,
                                AccessCodes.hash(code), now.atOffset(ZoneOffset.UTC), MarkedRegister.ONLINE, today,
                                IssuanceHours.hour(now)).addValue(IssuanceHours.shard()).addValue(markId)))
                        .chain(rows -> {
                            RowIterator<Row> it = rows.iterator();
                            return redeem(conn, ballotId, it.hasNext() ? it.next() : null, blinded, today, markId);
                        }))
                // A 2048-bit RSA private operation is too long for the event loop at hundreds per second.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(issuer -> new CredentialResponse(Base64Url.encode(issuer.key().blindSign(blinded))));
    }

    /**
     * The id of the mark this blinded message makes: keyed (without the key file nobody can test a blinded message
     * against the register) and bound to the ballot. A retry carries the same blinded message, so the same id; any
     * other request for the code, a fresh blinded message, does not.
     */
    private UUID markId(UUID ballotId, byte[] blinded) {
        return UUID.nameUUIDFromBytes(vault.mac(blinded, "mark:" + ballotId));
    }

    /**
     * Reads {@code REDEEM}'s row (none: no such ballot) with the refusals in the order they always came: unknown
     * ballot, closed, blinded message, code, already issued.
     */
    private Uni<BallotKeys.Issuer> redeem(SqlConnection conn, UUID ballotId, Row row, byte[] blinded,
                                          LocalDate today, UUID markId) {
        Ballot.Status status = row == null ? null : Ballot.Status.valueOf(row.getString("status"));
        if (status == null || status == Ballot.Status.DRAFT) {
            throw ProblemException.notFound("ballot " + ballotId);
        }
        if (status == Ballot.Status.CLOSED || !row.getBoolean("before_close")) {
            throw ProblemException.conflict("ballot-closed", "the ballot is closed");
        }
        return keys.issuer(conn, ballotId, row.getString("variant"))
                .invoke(issuer -> issuer.check(blinded))
                .call(() -> {
                    String email = row.getString("email");
                    // The same answer whether the code is unknown everywhere or belongs to another ballot.
                    if (email == null) {
                        throw new ProblemException(Problem.of(403, "access-code-not-recognised",
                                "Access code not recognised", "this access code does not open this ballot"));
                    }
                    if (!row.getBoolean("marked") && markId.equals(row.getUUID("marked_id"))) {
                        // This request made the mark before and its answer was lost: the same signature again,
                        // recording nothing (the mark and CredentialIssued were committed with the first).
                        return Uni.createFrom().voidItem();
                    }
                    if (!row.getBoolean("marked")) {
                        String channel = row.getString("marked_by");
                        if (channel != null && !MarkedRegister.ONLINE.equals(channel)) {
                            throw MarkedRegister.alreadyVoted(channel);
                        }
                        throw ProblemException.conflict("credential-already-issued",
                                "a credential was already issued for this access code");
                    }
                    return outbox.record(conn, Topics.CREDENTIALS, ballotId.toString(), CredentialIssued.TYPE,
                            new CredentialIssued(ballotId.toString(), row.getString("title"), email,
                                    MarkedRegister.ONLINE, today));
                });
    }
}
