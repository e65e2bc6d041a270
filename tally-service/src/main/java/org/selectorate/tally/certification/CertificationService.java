package org.selectorate.tally.certification;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.result.CertificationRefused;
import org.selectorate.contracts.result.ResultCertified;
import org.selectorate.contracts.result.ResultDeclared;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditScope;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.integrity.encoding.Ed25519Keys;
import org.selectorate.integrity.record.Certification;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.support.problem.Problem;
import org.selectorate.support.problem.ProblemException;
import org.selectorate.tally.ballot.TallyBallot;
import org.selectorate.tally.count.BallotResult;
import org.selectorate.tally.record.TreeHeadRow;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scrutineers' keys, their signed decisions on a counted final ballot, and the declaration of a certified result.
 * Each change takes the ballot's row lock, so a declaration and a refusal arriving together are decided in turn,
 * and each writes its event and audit entry in its own transaction.
 */
@ApplicationScoped
public class CertificationService {
    private static final Logger LOG = Logger.getLogger(CertificationService.class);

    private final Outbox outbox;
    private final AuditTrail audit;

    public CertificationService(Outbox outbox, AuditTrail audit) {
        this.outbox = outbox;
        this.audit = audit;
    }

    /** Registers the caller's signing key; a new key supersedes the last for decisions signed from now on. */
    @WithTransaction
    public Uni<CertificationViews.KeyView> register(CertificationViews.KeyRequest request, Caller caller) {
        String publicKey = request == null ? null : request.publicKey();
        try {
            Ed25519Keys.decode(publicKey == null ? "" : publicKey.strip());
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(ProblemException.badRequest("not an Ed25519 public key",
                    List.of("publicKey: base64url of the key's 32 raw bytes")));
        }
        String key = publicKey.strip();
        return ScrutineerKey.current(caller.subject()).chain(current -> {
            if (current != null && current.publicKey.equals(key)) {
                return Uni.createFrom().item(current); // the same key again changes nothing
            }
            ScrutineerKey registered = new ScrutineerKey();
            registered.subject = caller.subject();
            registered.account = caller.name();
            registered.publicKey = key;
            registered.registeredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Map<String, Object> after = Map.of("account", caller.name(), "publicKey", key);
            return registered.<ScrutineerKey>persist().call(() -> audit.record(AuditAction.named("scrutineer.key")
                    .in(AuditScope.NATIONAL).on("scrutineer/" + caller.name())
                    .before(current == null ? null : AuditState.of(Map.of("publicKey", current.publicKey)))
                    .after(AuditState.of(after)).build()));
        }).chain(this::keyView);
    }

    @WithSession
    public Uni<CertificationViews.KeyView> key(Caller caller) {
        return ScrutineerKey.current(caller.subject())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("a signing key registered by "
                        + caller.name()))
                .chain(this::keyView);
    }

    private Uni<CertificationViews.KeyView> keyView(ScrutineerKey key) {
        return ScrutineerKey.count("subject = ?1 and id < ?2", key.subject, key.id)
                .map(n -> new CertificationViews.KeyView(key.account, key.publicKey, key.registeredAt, n));
    }

    /**
     * A scrutineer's certification or refusal, checked against their registered key, their account name and the
     * ballot's final signed tree head, stored as signed, announced and audited. Anything wrong changes nothing.
     */
    @WithTransaction
    public Uni<CertificationViews.Decision> decide(String ballotId, CertificationViews.DecisionRequest body,
                                                   Caller caller) {
        Certification signed;
        try {
            signed = certification(body);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return TallyBallot.<TallyBallot>findById(ballotId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("ballot " + ballotId))
                .chain(ballot -> SelectionArea.of(ballot).chain(area -> {
                    requireCovered(area, caller, ballotId);
                    requireCountedFinal(ballot);
                    return ResultDeclaration.<ResultDeclaration>findById(ballotId)
                            .invoke(declared -> {
                                if (declared != null) {
                                    throw ProblemException.conflict("already-declared", "ballot " + ballotId
                                            + "'s result was declared: no decision on it can be made any more");
                                }
                            })
                            .chain(() -> ScrutineerKey.current(caller.subject()))
                            .chain(key -> {
                                checkSigner(signed, key, caller);
                                return TreeHeadRow.find("ballotId = ?1 order by treeSize desc", ballotId)
                                        .<TreeHeadRow>firstResult();
                            })
                            .invoke(head -> checkStatement(ballotId, signed, head))
                            .chain(() -> CertificationDecision.find(
                                    "ballotId = ?1 order by id desc", ballotId).<CertificationDecision>firstResult())
                            .chain(standing -> {
                                if (standing != null && standing.certified() && Certification.CERTIFIED.equals(
                                        signed.decision())) {
                                    throw ProblemException.conflict("already-certified", "ballot " + ballotId
                                            + " is certified already (by " + standing.scrutineer + ")");
                                }
                                CertificationDecision decision = CertificationDecision.of(ballotId, signed,
                                        caller.subject(), Instant.now().truncatedTo(ChronoUnit.MICROS));
                                return decision.<CertificationDecision>persist()
                                        .call(d -> announce(ballot, d))
                                        .call(d -> audit.record(AuditAction.named(d.certified()
                                                        ? "result.certify" : "result.refuse")
                                                .in(area.scope()).on("ballot/" + ballotId)
                                                .before(AuditState.of(standingState(standing)))
                                                .after(AuditState.of(Map.of("decision", d.decision,
                                                        "treeSize", d.treeSize, "rootHash", d.rootHash,
                                                        "publicKey", d.publicKey)))
                                                .reason(d.certified() ? null : String.join("; ", signed.reasons()))
                                                .build()));
                            });
                }))
                .invoke(d -> LOG.infof("ballot %s %s by scrutineer %s", ballotId, d.decision, d.scrutineer))
                .map(CertificationViews.Decision::of);
    }

    /**
     * Declares a certified result. Refused while it is not certified (never, or its standing decision is a refusal),
     * by anyone who certified it, a second time, and for a meeting ballot (its result is the meeting's business).
     */
    @WithTransaction
    public Uni<CertificationViews.Declaration> declare(String ballotId, Caller caller) {
        return TallyBallot.<TallyBallot>findById(ballotId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("ballot " + ballotId))
                .chain(ballot -> SelectionArea.of(ballot).chain(area -> {
                    requireCovered(area, caller, ballotId);
                    requireCountedFinal(ballot);
                    return ResultDeclaration.<ResultDeclaration>findById(ballotId)
                            .invoke(declared -> {
                                if (declared != null) {
                                    throw ProblemException.conflict("already-declared", "ballot " + ballotId
                                            + " was declared already, by " + declared.declaredBy);
                                }
                            })
                            .chain(() -> CertificationDecision.of(ballotId))
                            .chain(decisions -> {
                                CertificationDecision standing = decisions.isEmpty() ? null
                                        : decisions.get(decisions.size() - 1);
                                if (standing == null) {
                                    throw ProblemException.conflict("not-certified", "ballot " + ballotId
                                            + " has not been certified by a scrutineer; only a certified result "
                                            + "can be declared");
                                }
                                if (!standing.certified()) {
                                    throw ProblemException.conflict("certification-refused", "scrutineer "
                                            + standing.scrutineer + " refused to certify ballot " + ballotId + " ("
                                            + String.join("; ", standing.reasonList()) + "): it cannot be declared "
                                            + "unless a later certification follows");
                                }
                                if (decisions.stream().anyMatch(d -> d.certified()
                                        && d.subject.equals(caller.subject()))) {
                                    throw new ProblemException(Problem.of(409, "declarer-certified",
                                            "The certifier cannot declare", "you certified ballot " + ballotId
                                                    + ": another person must declare it"));
                                }
                                return BallotResult.<BallotResult>findById(ballotId)
                                        .chain(result -> declare(ballot, area, standing, result, caller));
                            });
                }));
    }

    private Uni<CertificationViews.Declaration> declare(TallyBallot ballot, SelectionArea area,
                                                        CertificationDecision certified, BallotResult result,
                                                        Caller caller) {
        ResultDeclaration declaration = new ResultDeclaration();
        declaration.ballotId = ballot.id;
        declaration.certificationId = certified.id;
        declaration.declaredBy = caller.name();
        declaration.declaredSubject = caller.subject();
        declaration.declaredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<String> elected = result.electedList();
        return declaration.persist()
                .chain(() -> outbox.record(Topics.RESULTS, ballot.id, ResultDeclared.TYPE, new ResultDeclared(
                        ballot.id, ballot.selectionId, elected, caller.name(), declaration.declaredAt)))
                .chain(() -> audit.record(AuditAction.named("result.declare").in(area.scope())
                        .on("ballot/" + ballot.id)
                        .before(AuditState.of(Map.of("certifiedBy", certified.scrutineer,
                                "rootHash", certified.rootHash)))
                        .after(AuditState.of(Map.of("declared", true, "elected", elected))).build()))
                .invoke(() -> LOG.infof("ballot %s declared by %s", ballot.id, caller.name()))
                .map(x -> new CertificationViews.Declaration(ballot.id, ballot.selectionId, elected,
                        declaration.declaredBy, declaration.declaredAt, certified.scrutineer));
    }

    /** Every decision on a published final ballot, and its declaration; what anyone may read. */
    @WithSession
    public Uni<CertificationViews.Decisions> decisions(String ballotId) {
        return TallyBallot.<TallyBallot>findById(ballotId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("ballot " + ballotId))
                .invoke(ballot -> ballot.requirePublished(TallyBallot.Published.TOTALS))
                .chain(ballot -> CertificationDecision.of(ballotId).chain(decisions -> declaration(ballot, decisions)
                        .map(declared -> new CertificationViews.Decisions(ballotId, standing(decisions),
                                decisions.stream().map(CertificationViews.Decision::of).toList(), declared))));
    }

    /** What the scrutineer reviews before signing: 409 until the ballot is counted. */
    @WithSession
    public Uni<CertificationViews.Review> review(String ballotId, Caller caller) {
        return TallyBallot.<TallyBallot>findById(ballotId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("ballot " + ballotId))
                .call(ballot -> SelectionArea.of(ballot).invoke(area -> requireCovered(area, caller, ballotId)))
                .invoke(CertificationService::requireCountedFinal)
                .chain(ballot -> BallotResult.<BallotResult>findById(ballotId).chain(result -> TreeHeadRow.find(
                                "ballotId = ?1 order by treeSize desc", ballotId).<TreeHeadRow>firstResult()
                        .chain(head -> CertificationDecision.of(ballotId).chain(decisions ->
                                declaration(ballot, decisions).map(declared ->
                                        review(ballot, result, head, decisions, declared, caller))))));
    }

    @SuppressWarnings("unchecked")
    private static CertificationViews.Review review(TallyBallot ballot, BallotResult result, TreeHeadRow head,
                                                    List<CertificationDecision> decisions,
                                                    CertificationViews.Declaration declared, Caller caller) {
        Map<String, Object> report = result.reportValue();
        Map<String, Long> register = new TreeMap<>();
        ballot.markedRegisterCounts().forEach((channel, n) -> register.put(channel.id(), n));
        CertificationViews.Figures figures = new CertificationViews.Figures((List<Object>) report.get("elected"),
                result.votes, result.byChannelValue(), register, (String) report.get("method"),
                (List<Object>) report.get("stages"));
        return new CertificationViews.Review(ballot.id, ballot.selectionId, ballot.title, ballot.status,
                Certification.STATEMENT, caller.name(), head.treeSize, head.rootHash, figures,
                result.anomaliesValue(), standing(decisions), decisions.stream().map(CertificationViews.Decision::of).toList(), declared);
    }


    private static Uni<CertificationViews.Declaration> declaration(TallyBallot ballot,
                                                                   List<CertificationDecision> decisions) {
        return ResultDeclaration.<ResultDeclaration>findById(ballot.id).chain(d -> d == null
                ? Uni.createFrom().<CertificationViews.Declaration>nullItem()
                : BallotResult.<BallotResult>findById(ballot.id).map(result -> new CertificationViews.Declaration(
                        ballot.id, ballot.selectionId, result.electedList(), d.declaredBy, d.declaredAt,
                        decisions.stream().filter(c -> c.id.equals(d.certificationId)).map(c -> c.scrutineer)
                                .findFirst().orElse(null))));
    }

    private static String standing(List<CertificationDecision> decisions) {
        return decisions.isEmpty() ? null : decisions.get(decisions.size() - 1).decision;
    }

    private static Map<String, Object> standingState(CertificationDecision standing) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("standing", standing == null ? "none" : standing.decision);
        return state;
    }

    private Uni<Void> announce(TallyBallot ballot, CertificationDecision d) {
        return d.certified()
                ? outbox.record(Topics.RESULTS, ballot.id, ResultCertified.TYPE, new ResultCertified(ballot.id,
                        ballot.selectionId, d.scrutineer, d.treeSize, d.rootHash))
                : outbox.record(Topics.RESULTS, ballot.id, CertificationRefused.TYPE, new CertificationRefused(
                        ballot.id, ballot.selectionId, d.scrutineer, d.reasonList()));
    }

    private static void requireCovered(SelectionArea area, Caller caller, String ballotId) {
        if (!area.coveredBy(caller)) {
            throw ProblemException.forbidden("ballot " + ballotId + " is outside your area");
        }
    }

    private static void requireCountedFinal(TallyBallot ballot) {
        if (ballot.isMeeting()) {
            throw ProblemException.conflict("meeting-ballot", "ballot " + ballot.id + " is a vote at a meeting: "
                    + "its result is the meeting's business, not certified or declared");
        }
        if (!TallyBallot.COUNTED.equals(ballot.status)) {
            throw ProblemException.conflict("not-counted", "ballot " + ballot.id + " has not been counted yet: "
                    + "a result is certified or declared after its count");
        }
    }

    /** The body as a {@link Certification}, or 400 naming every field that is wrong. */
    private static Certification certification(CertificationViews.DecisionRequest body) {
        List<String> errors = new ArrayList<>();
        if (body == null) {
            throw ProblemException.badRequest("a signed decision is required", List.of("body: the decision's fields"));
        }
        if (!Certification.CERTIFIED.equals(body.decision()) && !Certification.REFUSED.equals(body.decision())) {
            errors.add("decision: certified or refused");
        }
        List<String> reasons = body.reasons() == null ? List.of() : body.reasons();
        if (reasons.stream().anyMatch(r -> r == null || r.isBlank())) {
            errors.add("reasons: no empty reason");
        }
        if (Certification.REFUSED.equals(body.decision()) && reasons.isEmpty()) {
            errors.add("reasons: a refusal gives its reasons");
        }
        if (Certification.CERTIFIED.equals(body.decision()) && !reasons.isEmpty()) {
            errors.add("reasons: a certification gives none");
        }
        if (body.scrutineer() == null || body.scrutineer().isBlank()) {
            errors.add("scrutineer: your account name");
        }
        if (body.publicKey() == null || body.publicKey().isBlank()) {
            errors.add("publicKey: your registered key, base64url");
        }
        if (body.treeSize() == null || body.treeSize() < 0) {
            errors.add("treeSize: the final tree head's size");
        }
        if (body.rootHash() == null || body.rootHash().isBlank()) {
            errors.add("rootHash: the final tree head's root, hex");
        }
        if (body.signature() == null || body.signature().isBlank()) {
            errors.add("signature: base64url Ed25519 signature over the statement");
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("the signed decision is incomplete", errors);
        }
        return new Certification(body.decision(), reasons, body.scrutineer(), body.publicKey(), body.treeSize(),
                body.rootHash(), body.signature());
    }

    private static void checkSigner(Certification signed, ScrutineerKey key, Caller caller) {
        if (key == null) {
            throw ProblemException.conflict("key-not-registered", caller.name() + " has registered no signing key: "
                    + "register your Ed25519 public key (PUT /api/tally/scrutineer/key) before signing");
        }
        if (!signed.scrutineer().equals(caller.name())) {
            throw new ProblemException(Problem.of(400, "wrong-scrutineer", "The statement names someone else",
                    "the statement names scrutineer " + signed.scrutineer() + ", but you are " + caller.name()));
        }
        if (!signed.publicKey().equals(key.publicKey)) {
            throw new ProblemException(Problem.of(400, "wrong-key", "Not your registered key",
                    "the decision is signed with a key that is not the one you registered last ("
                            + key.publicKey + ")"));
        }
    }

    private static void checkStatement(String ballotId, Certification signed, TreeHeadRow head) {
        if (head == null || head.treeSize != signed.treeSize() || !head.rootHash.equals(signed.rootHash())) {
            throw ProblemException.conflict("wrong-tree-head", "the statement is over tree head (size "
                    + signed.treeSize() + ", root " + signed.rootHash() + "), but ballot " + ballotId
                    + "'s final signed tree head is " + (head == null ? "missing"
                    : "(size " + head.treeSize + ", root " + head.rootHash + ")"));
        }
        if (!signed.verify(ballotId)) {
            throw new ProblemException(Problem.of(400, "bad-signature", "The signature does not verify",
                    "the signature is not your key's Ed25519 signature over the statement (" + Certification.STATEMENT
                            + ", RFC 8785 canonical JSON of statement, ballot, decision, reasons, scrutineer, "
                            + "treeSize, rootHash)"));
        }
    }
}
