package org.selectorate.membership.roll;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditScope;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.membership.selection.Selection;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.util.LinkedHashMap;
import java.util.Map;

/** Freezes a selection's roll (version 1) and shows a roll version's published figures. */
@ApplicationScoped
public class RollService {
    private static final Logger LOG = Logger.getLogger(RollService.class);
    private final RollWriter writer;
    private final AuditTrail audit;

    public RollService(RollWriter writer, AuditTrail audit) {
        this.writer = writer;
        this.audit = audit;
    }

    /**
     * Applies the selection's rule to the constituency's members as they stand, and stores and
     * announces the result; a selection's roll is frozen once.
     */
    @WithTransaction
    public Uni<RollView> freeze(String selectionId, Caller caller) {
        return selection(selectionId, caller)
                .call(s -> latest(s.id).invoke(v -> {
                    if (v != null) {
                        throw ProblemException.conflict("roll-frozen", "the roll of selection " + s.id
                                + " is already frozen (version " + v.version + "); change it by a co-signed change");
                    }
                }))
                .chain(s -> {
                    long start = System.nanoTime();
                    Eligibility rule = new Eligibility(s.freezeDate, s.minimumMonths, s.arrearsDisqualify);
                    return writer.freeze(s, rule, caller.name())
                            .call(v -> audit.record(AuditAction.named("roll.freeze").in(scope(s))
                                    .on("selection/" + s.id + "/roll").after(AuditState.of(published(v))).build()))
                            .invoke(v -> LOG.infof("froze the roll of selection %s: %d electors in %d ms", s.id,
                                    v.electorate, (System.nanoTime() - start) / 1_000_000))
                            .map(v -> writer.view(s, v));
                });
    }

    @WithSession
    public Uni<RollView> roll(String selectionId, Caller caller) {
        return selection(selectionId, caller).chain(s -> latest(s.id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("the roll of selection " + s.id))
                .map(v -> writer.view(s, v)));
    }

    /** The selection, if the caller's area covers its constituency; otherwise it looks absent. */
    static Uni<Selection> selection(String selectionId, Caller caller) {
        return Selection.<Selection>findById(selectionId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("selection " + selectionId))
                .invoke(s -> {
                    if (!caller.covers(s.region, s.constituency)) {
                        throw ProblemException.notFound("selection " + selectionId);
                    }
                });
    }

    /** Where the audit log files an action on the selection's roll. */
    static AuditScope scope(Selection s) {
        return AuditScope.selection(s.region, s.constituency, s.id);
    }

    /** A roll version's published figures, as the audit log keeps them. */
    static Map<String, Object> published(RollVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", v.version);
        m.put("root", v.merkleRoot);
        m.put("electorate", v.electorate);
        m.put("changed", v.changed);
        m.put("freezeDate", v.freezeDate.toString());
        return m;
    }

    static Uni<RollVersion> latest(String selectionId) {
        return RollVersion.<RollVersion>find("selectionId = ?1 order by version desc", selectionId).firstResult();
    }
}
