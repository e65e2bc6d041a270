package org.selectorate.membership.organisation;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.organisation.AffiliateOfficerAdded;
import org.selectorate.contracts.organisation.AffiliateOfficerRemoved;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditScope;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An affiliate's authorised officers, and a constituency's units (branches and affiliates) as its officers and
 * admins see them. Adding and removing an officer is audited and announced on {@code selectorate.organisation}
 * (key: the constituency) in the transaction that makes the change.
 */
@ApplicationScoped
public class AffiliateOfficerService {
    private final Outbox outbox;
    private final AuditTrail audit;

    public AffiliateOfficerService(Outbox outbox, AuditTrail audit) {
        this.outbox = outbox;
        this.audit = audit;
    }

    /** The units of a constituency, each affiliate with its current officers' names. */
    public record Units(@Schema(example = "NW-001") String constituency, List<Branch> branches,
                        List<AffiliateUnit> affiliates) {
    }

    public record AffiliateUnit(@Schema(example = "NW-001-UNITE") String code,
                                @Schema(example = "Unite North West") String name,
                                @Schema(example = "union") String kind,
                                @Schema(example = "[\"Unite Chair\", \"Unite Secretary\"]") List<String> officers) {
    }

    /** Adds an officer to an affiliate in the caller's region; a current officer of it cannot be added again. */
    @WithTransaction
    public Uni<AffiliateOfficer> add(String affiliateCode, OrganisationRequests.NewOfficer request, Caller caller) {
        String username = request.username().toLowerCase(Locale.ROOT);
        return administered(affiliateCode, caller).chain(constituency -> current(affiliateCode, username)
                .chain(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("officer-exists",
                                username + " is already an officer of affiliate " + affiliateCode);
                    }
                    AffiliateOfficer officer = new AffiliateOfficer();
                    officer.id = UUID.randomUUID();
                    officer.affiliate = affiliateCode;
                    officer.username = username;
                    officer.name = request.name();
                    officer.email = request.email();
                    officer.addedBy = caller.name();
                    officer.addedAt = Instant.now();
                    return officer.<AffiliateOfficer>persist();
                })
                .call(o -> outbox.record(Topics.ORGANISATION, constituency.code, AffiliateOfficerAdded.TYPE,
                        new AffiliateOfficerAdded(o.affiliate, constituency.code, o.username, o.name, o.email)))
                .call(o -> audit.record(AuditAction.named("affiliate.officer.add").in(scope(constituency))
                        .on(target(o)).after(AuditState.of(state(o))).build())));
    }

    /** Removes a current officer; the row stays, with who removed them and when. */
    @WithTransaction
    public Uni<Void> remove(String affiliateCode, String username, Caller caller) {
        String who = username.toLowerCase(Locale.ROOT);
        return administered(affiliateCode, caller).chain(constituency -> current(affiliateCode, who)
                .onItem().ifNull().failWith(() -> ProblemException.notFound(
                        "officer " + who + " of affiliate " + affiliateCode))
                .invoke(o -> {
                    o.removedBy = caller.name();
                    o.removedAt = Instant.now();
                })
                .call(o -> outbox.record(Topics.ORGANISATION, constituency.code, AffiliateOfficerRemoved.TYPE,
                        new AffiliateOfficerRemoved(o.affiliate, constituency.code, o.username)))
                .call(o -> audit.record(AuditAction.named("affiliate.officer.remove").in(scope(constituency))
                        .on(target(o)).before(AuditState.of(state(o))).build())))
                .replaceWithVoid();
    }

    /** The affiliate's current officers, for admins and scrutineers of its area; elsewhere it looks absent. */
    @WithSession
    public Uni<List<AffiliateOfficer>> officers(String affiliateCode, Caller caller) {
        return constituencyOf(affiliateCode)
                .invoke(constituency -> {
                    if (!caller.covers(constituency.region, constituency.code)) {
                        throw ProblemException.notFound("affiliate " + affiliateCode);
                    }
                })
                .chain(() -> AffiliateOfficer.<AffiliateOfficer>list(
                        "affiliate = ?1 and removedAt is null order by username", affiliateCode));
    }

    /**
     * The constituency's branches and affiliates. Admins and scrutineers of its area may read it, and so may an
     * officer of one of its affiliates: their token names the affiliate and its current officers name them.
     */
    @WithSession
    public Uni<Units> units(String constituencyCode, Caller caller) {
        return Constituency.<Constituency>findById(constituencyCode)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("constituency " + constituencyCode))
                .chain(constituency -> Branch.<Branch>list("constituency = ?1 order by code", constituency.code)
                        .chain(branches -> Affiliate.<Affiliate>list("constituency = ?1 order by code",
                                        constituency.code)
                                .chain(affiliates -> AffiliateOfficer.<AffiliateOfficer>list("removedAt is null "
                                                + "and affiliate in (select a.code from Affiliate a where a.constituency = ?1) "
                                                + "order by name, username", constituency.code)
                                        .map(officers -> {
                                            if (!mayRead(constituency, officers, caller)) {
                                                // As for constituencies: out of reach looks the same as absent.
                                                throw ProblemException.notFound("constituency " + constituencyCode);
                                            }
                                            return units(constituency, branches, affiliates, officers);
                                        }))));
    }

    private static boolean mayRead(Constituency constituency, List<AffiliateOfficer> officers, Caller caller) {
        if (caller.covers(constituency.region, constituency.code)) {
            return true;
        }
        return officers.stream().anyMatch(o -> o.username.equals(caller.name()) && caller.claimsAffiliate(o.affiliate));
    }

    private static Units units(Constituency constituency, List<Branch> branches, List<Affiliate> affiliates,
                               List<AffiliateOfficer> officers) {
        Map<String, List<String>> names = officers.stream().collect(Collectors.groupingBy(o -> o.affiliate,
                Collectors.mapping(o -> o.name, Collectors.toList())));
        return new Units(constituency.code, branches, affiliates.stream()
                .map(a -> new AffiliateUnit(a.code, a.name, a.kind, names.getOrDefault(a.code, List.of())))
                .toList());
    }

    private static Uni<Constituency> constituencyOf(String affiliateCode) {
        return Affiliate.<Affiliate>findById(affiliateCode)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("affiliate " + affiliateCode))
                .chain(a -> Constituency.<Constituency>findById(a.constituency));
    }

    /** Changing an affiliate's officers needs its region in the caller's area, as adding the affiliate did. */
    private static Uni<Constituency> administered(String affiliateCode, Caller caller) {
        return constituencyOf(affiliateCode).invoke(constituency -> {
            if (!caller.covers(constituency.region)) {
                throw ProblemException.forbidden("affiliate " + affiliateCode + " is outside your area");
            }
        });
    }

    private static Uni<AffiliateOfficer> current(String affiliate, String username) {
        return AffiliateOfficer.find("affiliate = ?1 and username = ?2 and removedAt is null", affiliate, username)
                .firstResult();
    }

    private static AuditScope scope(Constituency constituency) {
        return AuditScope.constituency(constituency.region, constituency.code);
    }

    private static String target(AffiliateOfficer o) {
        return "affiliate/" + o.affiliate + "/officer/" + o.username;
    }

    private static Map<String, String> state(AffiliateOfficer o) {
        return Map.of("affiliate", o.affiliate, "username", o.username, "name", o.name, "email", o.email);
    }
}
