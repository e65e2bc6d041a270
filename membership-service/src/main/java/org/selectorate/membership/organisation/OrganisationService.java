package org.selectorate.membership.organisation;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.organisation.AffiliateCreated;
import org.selectorate.contracts.organisation.BranchCreated;
import org.selectorate.contracts.organisation.ConstituencyCreated;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditScope;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The organisation tree; every addition is on the audit log with what was added. Constituencies, branches and
 * affiliates are announced on {@code selectorate.organisation}, keyed by constituency so each follows its own.
 */
@ApplicationScoped
public class OrganisationService {
    private final Outbox outbox;
    private final AuditTrail audit;

    public OrganisationService(Outbox outbox, AuditTrail audit) {
        this.outbox = outbox;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<Region> createRegion(OrganisationRequests.NewRegion request) {
        return Region.<Region>findById(request.code()).chain(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("region-exists", "region " + request.code() + " already exists");
            }
            Region region = new Region();
            region.code = request.code();
            region.name = request.name();
            region.createdAt = Instant.now();
            return region.<Region>persist();
        }).call(r -> audit.record(AuditAction.named("region.create").in(AuditScope.region(r.code))
                .on("region/" + r.code).after(AuditState.of(Map.of("code", r.code, "name", r.name))).build()));
    }

    @WithSession
    public Uni<List<Region>> regions(Caller caller) {
        return Region.<Region>listAll().map(all -> all.stream().filter(r -> caller.covers(r.code)).toList());
    }

    /** The constituency and its {@link ConstituencyCreated} event commit together. */
    @WithTransaction
    public Uni<Constituency> createConstituency(OrganisationRequests.NewConstituency request, Caller caller) {
        if (!caller.covers(request.region())) {
            return Uni.createFrom().failure(ProblemException.forbidden(
                    "region " + request.region() + " is outside your area"));
        }
        return Region.<Region>findById(request.region())
                .onItem().ifNull().failWith(() -> ProblemException.badRequest(
                        "unknown region " + request.region(), List.of("region: no such region")))
                .chain(() -> Constituency.<Constituency>findById(request.code()))
                .chain(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("constituency-exists",
                                "constituency " + request.code() + " already exists");
                    }
                    Constituency constituency = new Constituency();
                    constituency.code = request.code();
                    constituency.name = request.name();
                    constituency.region = request.region();
                    constituency.createdAt = Instant.now();
                    return constituency.<Constituency>persist();
                })
                .call(c -> outbox.record(Topics.ORGANISATION, c.code, ConstituencyCreated.TYPE,
                        new ConstituencyCreated(c.code, c.name, c.region)))
                .call(c -> audit.record(AuditAction.named("constituency.create")
                        .in(AuditScope.constituency(c.region, c.code)).on("constituency/" + c.code)
                        .after(AuditState.of(Map.of("code", c.code, "name", c.name, "region", c.region))).build()));
    }

    @WithSession
    public Uni<List<Constituency>> constituencies(Caller caller) {
        return Constituency.<Constituency>list("order by code")
                .map(all -> all.stream().filter(c -> caller.covers(c.region, c.code)).toList());
    }

    @WithSession
    public Uni<Constituency> constituency(String code, Caller caller) {
        return Constituency.<Constituency>findById(code)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("constituency " + code))
                .invoke(c -> {
                    if (!caller.covers(c.region, c.code)) {
                        // Out-of-area looks the same as absent: codes are not secrets, but contents are.
                        throw ProblemException.notFound("constituency " + code);
                    }
                });
    }

    /**
     * A branch joins a constituency the caller administers; its code must be new platform-wide. The branch and its
     * {@link BranchCreated} event commit together.
     */
    @WithTransaction
    public Uni<Branch> createBranch(OrganisationRequests.NewBranch request, Caller caller) {
        return administered(request.constituency(), caller)
                .chain(constituency -> Branch.<Branch>findById(request.code())
                        .chain(existing -> {
                            if (existing != null) {
                                throw ProblemException.conflict("branch-exists",
                                        "branch " + request.code() + " already exists");
                            }
                            Branch branch = new Branch();
                            branch.code = request.code();
                            branch.name = request.name();
                            branch.constituency = request.constituency();
                            branch.createdAt = Instant.now();
                            return branch.<Branch>persist();
                        })
                        .call(b -> outbox.record(Topics.ORGANISATION, b.constituency, BranchCreated.TYPE,
                                new BranchCreated(b.code, b.name, b.constituency, constituency.region)))
                        .call(b -> audit.record(AuditAction.named("branch.create")
                                .in(AuditScope.constituency(constituency.region, b.constituency)).on("branch/" + b.code)
                                .after(AuditState.of(Map.of("code", b.code, "name", b.name,
                                        "constituency", b.constituency))).build())));
    }

    @WithSession
    public Uni<List<Branch>> branches(String constituency, Caller caller) {
        return constituency(constituency, caller)
                .chain(c -> Branch.<Branch>list("constituency = ?1 order by code", c.code));
    }

    /** As a branch: the affiliate and its {@link AffiliateCreated} event commit together. */
    @WithTransaction
    public Uni<Affiliate> createAffiliate(OrganisationRequests.NewAffiliate request, Caller caller) {
        return administered(request.constituency(), caller)
                .chain(constituency -> Affiliate.<Affiliate>findById(request.code())
                        .chain(existing -> {
                            if (existing != null) {
                                throw ProblemException.conflict("affiliate-exists",
                                        "affiliate " + request.code() + " already exists");
                            }
                            Affiliate affiliate = new Affiliate();
                            affiliate.code = request.code();
                            affiliate.name = request.name();
                            affiliate.constituency = request.constituency();
                            affiliate.kind = request.kind();
                            affiliate.createdAt = Instant.now();
                            return affiliate.<Affiliate>persist();
                        })
                        .call(a -> outbox.record(Topics.ORGANISATION, a.constituency, AffiliateCreated.TYPE,
                                new AffiliateCreated(a.code, a.name, a.constituency, constituency.region, a.kind)))
                        .call(a -> audit.record(AuditAction.named("affiliate.create")
                                .in(AuditScope.constituency(constituency.region, a.constituency))
                                .on("affiliate/" + a.code)
                                .after(AuditState.of(Map.of("code", a.code, "name", a.name,
                                        "constituency", a.constituency, "kind", a.kind))).build())));
    }

    @WithSession
    public Uni<List<Affiliate>> affiliates(String constituency, Caller caller) {
        return constituency(constituency, caller)
                .chain(c -> Affiliate.<Affiliate>list("constituency = ?1 order by code", c.code));
    }

    /** Adding to a constituency needs its region in the caller's area, as adding the constituency did. */
    Uni<Constituency> administered(String code, Caller caller) {
        return Constituency.<Constituency>findById(code)
                .onItem().ifNull().failWith(() -> ProblemException.badRequest(
                        "unknown constituency " + code, List.of("constituency: no such constituency")))
                .invoke(c -> {
                    if (!caller.covers(c.region)) {
                        throw ProblemException.forbidden("constituency " + code + " is outside your area");
                    }
                });
    }
}
