package org.selectorate.membership.members;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditScope;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes one member's contact. The member row changes; a frozen roll does not (its entries keep the contact held
 * at the freeze, where ballot mail goes). An email change of a member on an open frozen roll is announced in the
 * same transaction, so the previous address is told. The audit log keeps the contact before and after as hashes
 * only: it is personal data, and scrutineers read the log.
 */
@ApplicationScoped
public class ContactService {
    private final Pool pool;
    private final ContactChanges changes;
    private final AuditTrail audit;

    public ContactService(Pool pool, ContactChanges changes, AuditTrail audit) {
        this.pool = pool;
        this.changes = changes;
        this.audit = audit;
    }

    /** The new contact; {@code phone} and {@code postalAddress} may be null or blank to clear them. */
    public record Contact(@Schema(example = "sam.okafor@example.org") String email,
                          @Schema(example = "0161 496 0123") String phone,
                          @Schema(example = "12 High Street, Ashworth, AB1 2CD") String postalAddress) {
    }

    /** The member's contact after the change, and the selections whose rolls the change was announced for. */
    public record ContactView(@Schema(example = "NW-001") String constituency,
                              @Schema(example = "NW-001-000123") String membershipNumber,
                              @Schema(example = "sam.okafor@example.org") String email,
                              @Schema(example = "0161 496 0123") String phone,
                              @Schema(example = "12 High Street, Ashworth, AB1 2CD") String postalAddress,
                              @Schema(example = "2026-12-02T11:30:00Z") Instant updatedAt,
                              @Schema(example = "[\"5f0c2a9e-1d3b-4c7a-8e6f-9a2b3c4d5e6f\"]")
                              List<String> selectionsAlerted) {
    }

    public Uni<ContactView> change(String constituency, String number, Contact request, Caller caller) {
        Contact contact = validate(request);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return pool.withTransaction(conn -> conn.preparedQuery("select region from constituency where code = $1")
                .execute(Tuple.of(constituency))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("constituency " + constituency);
                    }
                    String region = rows.iterator().next().getString("region");
                    if (!caller.covers(region, constituency)) {
                        throw ProblemException.forbidden("constituency " + constituency + " is outside your area");
                    }
                    return AuditScope.constituency(region, constituency);
                })
                .chain(scope -> conn.preparedQuery("select email, phone, address from member where constituency = $1 "
                        + "and membership_number = $2 for update").execute(Tuple.of(constituency, number))
                        .chain(rows -> {
                            if (rows.size() == 0) {
                                throw ProblemException.notFound("member " + number + " of " + constituency);
                            }
                            var row = rows.iterator().next();
                            Contact before = new Contact(row.getString("email"), row.getString("phone"),
                                    row.getString("address"));
                            String previous = before.email();
                            return update(conn, constituency, number, contact, now)
                                    .chain(() -> audit.record(conn, AuditAction.named("member.contact.change").in(scope)
                                            .on("member/" + constituency + "/" + number)
                                            .before(AuditState.digestOf(state(before)))
                                            .after(AuditState.digestOf(state(contact))).build()))
                                    .chain(() -> ContactChanges.differs(previous, contact.email())
                                            ? changes.announce(conn, constituency, List.of(new ContactChanges.EmailChange(
                                            number, previous, contact.email())), now)
                                            .map(concerned -> concerned.getOrDefault(number, List.of()))
                                            : Uni.createFrom().item(List.<String>of()));
                        }))
                .map(alerted -> new ContactView(constituency, number, contact.email(), contact.phone(),
                        contact.postalAddress(), now, alerted)));
    }

    /** A contact as the audit log hashes it. */
    private static Map<String, Object> state(Contact c) {
        Map<String, Object> m = new HashMap<>();
        m.put("email", c.email());
        m.put("phone", c.phone());
        m.put("postalAddress", c.postalAddress());
        return m;
    }

    private static Uni<Void> update(SqlConnection conn, String constituency, String number, Contact c, Instant now) {
        return conn.preparedQuery("update member set email = $3, phone = $4, address = $5, updated_at = $6 "
                        + "where constituency = $1 and membership_number = $2")
                .execute(Tuple.tuple().addString(constituency).addString(number).addString(c.email())
                        .addString(c.phone()).addString(c.postalAddress())
                        .addOffsetDateTime(now.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The same rules as the members file, every bad field reported at once. */
    static Contact validate(Contact request) {
        if (request == null) {
            throw ProblemException.badRequest("a body {email, phone, postalAddress} is required", List.of());
        }
        String email = request.email() == null ? "" : request.email().trim();
        String phone = request.phone() == null ? "" : request.phone().trim();
        String address = request.postalAddress() == null ? "" : request.postalAddress().trim();
        List<String> errors = new ArrayList<>();
        if (email.length() > 254 || !MemberCsv.EMAIL.matcher(email).matches()) {
            errors.add("email: is not an email address");
        }
        if (!MemberCsv.PHONE.matcher(phone).matches()) {
            errors.add("phone: may hold only digits, spaces, '+', '(', ')' and '-', at most 30");
        }
        if (address.length() > 500) {
            errors.add("postalAddress: is longer than 500 characters");
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("the contact is invalid; nothing was changed", errors);
        }
        return new Contact(email, phone.isEmpty() ? null : phone, address.isEmpty() ? null : address);
    }
}
