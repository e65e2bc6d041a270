package org.selectorate.ballot.issuance;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;
import org.selectorate.ballot.ballot.AccessCodes;
import org.selectorate.ballot.ballot.Ballot;
import org.selectorate.ballot.ballot.BallotKeys;
import org.selectorate.ballot.electorate.Elector;
import org.selectorate.ballot.turnout.MarkedRegister;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.CredentialIssued;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.support.problem.Problem;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Redeems an access code for a blind signature. The member is marked in the register and
 * {@link CredentialIssued} is emitted in one transaction; the signature is made only after it commits, so no
 * signature ever leaves without its mark. The issuer never sees the token, only the blinded message.
 */
@ApplicationScoped
public class IssuanceService {
    private final Outbox outbox;
    private final MarkedRegister markedRegister;
    private final BallotKeys keys;

    public IssuanceService(Outbox outbox, MarkedRegister markedRegister, BallotKeys keys) {
        this.outbox = outbox;
        this.markedRegister = markedRegister;
        this.keys = keys;
    }

    public record CredentialRequest(@NotBlank String accessCode, @NotBlank String blindedMessage) {
    }

    public record CredentialResponse(String blindSignature) {
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
        return Panache.withTransaction(() -> IssuanceLock.shared(ballotId)
                        .chain(() -> Ballot.<Ballot>findById(ballotId))
                        .chain(ballot -> {
                            requireOpen(ballot, ballotId, now);
                            return keys.issuer(ballot)
                                    .invoke(issuer -> issuer.check(blinded))
                                    .call(() -> elector(ballotId, code)
                                            .call(elector -> markedRegister.mark(ballotId, elector.membershipNumber,
                                                    MarkedRegister.ONLINE, now).invoke(marked -> {
                                                if (!marked) {
                                                    throw ProblemException.conflict("credential-already-issued",
                                                            "a credential was already issued for this access code");
                                                }
                                            }))
                                            .call(elector -> outbox.record(Topics.CREDENTIALS, ballotId.toString(),
                                                    CredentialIssued.TYPE, new CredentialIssued(ballotId.toString(),
                                                            ballot.title, elector.email, MarkedRegister.ONLINE, now))));
                        }))
                // A 2048-bit RSA private operation is too long for the event loop at hundreds per second.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(issuer -> new CredentialResponse(Base64Url.encode(issuer.key().blindSign(blinded))));
    }

    private static void requireOpen(Ballot ballot, UUID ballotId, Instant now) {
        if (ballot == null || ballot.status == Ballot.Status.DRAFT) {
            throw ProblemException.notFound("ballot " + ballotId);
        }
        if (ballot.status == Ballot.Status.CLOSED || !now.isBefore(ballot.closesAt)) {
            throw ProblemException.conflict("ballot-closed", "the ballot is closed");
        }
    }

    /** The same answer whether the code is unknown everywhere or belongs to another ballot. */
    private static Uni<Elector> elector(UUID ballotId, String code) {
        return Panache.getSession().chain(session -> session.createQuery(
                        "select e from AccessCode a, Elector e where e.id = a.electorId "
                                + "and a.ballotId = ?1 and a.codeHash = ?2", Elector.class)
                .setParameter(1, ballotId)
                .setParameter(2, AccessCodes.hash(code))
                .getSingleResultOrNull())
                .onItem().ifNull().failWith(() -> new ProblemException(Problem.of(403, "access-code-not-recognised",
                        "Access code not recognised", "this access code does not open this ballot")));
    }
}
