package org.selectorate.membership.organisation;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.organisation.ConstituencyCreated;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class OrganisationService {
    private final Outbox outbox;

    public OrganisationService(Outbox outbox) {
        this.outbox = outbox;
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
            return region.persist();
        });
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
                        new ConstituencyCreated(c.code, c.name, c.region)));
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
}
