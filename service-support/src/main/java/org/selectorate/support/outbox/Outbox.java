package org.selectorate.support.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Records events for later relay. Call it inside the transaction that makes the change, so the change and its
 * events commit or roll back together.
 * <p>
 * Plain inserts, not entities: an entity with an identity key was inserted at once and flushed everything queued
 * before it, so a transaction writing thousands of events paid a round trip for each, and for each row before it.
 */
@ApplicationScoped
public class Outbox {
    private static final String INSERT = "insert into outbox_event (event_id, topic, event_key, type, payload, "
            + "created_at) values (gen_random_uuid(), ?1, ?2, ?3, ?4, ?5)";
    // Rows are inserted, and so numbered, in the array's order.
    private static final String INSERT_ALL = "insert into outbox_event (event_id, topic, event_key, type, payload, "
            + "created_at) select gen_random_uuid(), ?1, ?2, ?3, p.payload, ?4 "
            + "from unnest(cast(?5 as text[])) with ordinality as p(payload, n) order by p.n";
    private static final String INSERT_ON_CONNECTION = "insert into outbox_event (event_id, topic, event_key, type, "
            + "payload, created_at) values (gen_random_uuid(), $1, $2, $3, $4, $5)";

    private final ObjectMapper json;

    public Outbox(ObjectMapper json) {
        this.json = json;
    }

    /** In the current Hibernate Reactive session's transaction. */
    public Uni<Void> record(String topic, String key, String type, Object payload) {
        String data = toJson(payload);
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, topic)
                        .setParameter(2, key)
                        .setParameter(3, type)
                        .setParameter(4, data)
                        .setParameter(5, Instant.now())
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Many events of one type and key in one statement, in the current session's transaction, in list order. */
    public Uni<Void> recordAll(String topic, String key, String type, List<?> payloads) {
        if (payloads.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] data = payloads.stream().map(this::toJson).toArray(String[]::new);
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT_ALL)
                        .setParameter(1, topic)
                        .setParameter(2, key)
                        .setParameter(3, type)
                        .setParameter(4, Instant.now())
                        .setParameter(5, data)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** On a Vert.x connection, for hot paths that skip Hibernate: call it on the connection holding the transaction. */
    public Uni<Void> record(SqlClient connection, String topic, String key, String type, Object payload) {
        return connection.preparedQuery(INSERT_ON_CONNECTION)
                .execute(Tuple.of(topic, key, type, toJson(payload), Instant.now().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    private String toJson(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not serialisable: " + payload.getClass(), e);
        }
    }
}
