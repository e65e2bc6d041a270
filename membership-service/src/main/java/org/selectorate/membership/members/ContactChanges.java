package org.selectorate.membership.members;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.member.MemberContactChanged;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Announces every email change: one {@link MemberContactChanged} per member, written to the outbox on the connection
 * (and so in the transaction) that made the change, naming the selections whose latest frozen roll holds the member
 * and whose ballot has not closed. The previous address is told either way: before a freeze, an address changed by
 * someone else is where the member's access code would go.
 */
@ApplicationScoped
public class ContactChanges {
    /** A member's email before and after a change. */
    public record EmailChange(String membershipNumber, String previousEmail, String newEmail) {
    }

    private static final String ON_OPEN_ROLLS = """
            select re.membership_number, array_agg(re.selection_id order by re.selection_id) as selections
            from selection s
            join (select selection_id, max(version) as version from roll_version group by selection_id) latest
                 on latest.selection_id = s.id
            join roll_entry re on re.selection_id = s.id and re.version = latest.version
            where s.constituency = $1 and re.membership_number = any($2::text[])
              and not exists (select 1 from selection_ballot b where b.selection_id = s.id and b.closed_at is not null)
            group by re.membership_number
            """;
    private static final String OUTBOX = """
            insert into outbox_event (event_id, topic, event_key, type, payload, created_at)
            values (gen_random_uuid(), $1, $2, $3, $4, now())
            """;

    private final ObjectMapper json;

    public ContactChanges(ObjectMapper json) {
        this.json = json;
    }

    /** Emails differing only in case are the same address: no change is announced for them. */
    public static boolean differs(String previous, String next) {
        return previous != null && !previous.equalsIgnoreCase(next);
    }

    /** Records the events; answers each member's selections concerned (absent: none). */
    public Uni<Map<String, List<String>>> announce(SqlConnection conn, String constituency, List<EmailChange> changes,
                                                   Instant at) {
        if (changes.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Map<String, EmailChange> byNumber = new HashMap<>();
        changes.forEach(c -> byNumber.put(c.membershipNumber(), c));
        return conn.preparedQuery(ON_OPEN_ROLLS)
                .execute(Tuple.of(constituency, byNumber.keySet().toArray(String[]::new)))
                .chain(rows -> {
                    Map<String, List<String>> concerned = new HashMap<>();
                    for (Row row : rows) {
                        concerned.put(row.getString("membership_number"), List.of(row.getArrayOfStrings("selections")));
                    }
                    List<Tuple> events = new ArrayList<>();
                    for (EmailChange change : byNumber.values()) {
                        String number = change.membershipNumber();
                        events.add(Tuple.of(Topics.ROLL, number, MemberContactChanged.TYPE, write(
                                new MemberContactChanged(number, concerned.getOrDefault(number, List.of()),
                                        change.previousEmail(), change.newEmail(), at))));
                    }
                    return conn.preparedQuery(OUTBOX).executeBatch(events).replaceWith(concerned);
                });
    }

    private String write(MemberContactChanged event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("MemberContactChanged is not serialisable", e);
        }
    }
}
