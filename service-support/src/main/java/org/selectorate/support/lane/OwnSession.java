package org.selectorate.support.lane;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

import java.util.function.Supplier;

/**
 * Runs work that opens its own Hibernate Reactive session beside others running at once (a scheduled job's lanes):
 * Hibernate Reactive keeps one session per Vert.x context, so each piece of work gets a new duplicated context.
 */
public final class OwnSession {
    private OwnSession() {
    }

    /** {@code work} subscribed on a new duplicated context of {@code parent}, marked safe for a session. */
    public static <T> Uni<T> on(Context parent, Supplier<Uni<? extends T>> work) {
        Context own = VertxContext.createNewDuplicatedContext(parent);
        VertxContextSafetyToggle.setContextSafe(own, true);
        return Uni.createFrom().deferred(work).runSubscriptionOn(command -> own.runOnContext(ignored -> command.run()));
    }
}
