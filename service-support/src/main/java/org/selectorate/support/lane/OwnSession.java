package org.selectorate.support.lane;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

import java.util.List;
import java.util.function.Function;
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

    /**
     * {@code work} for every item, each {@link #on its own session}, {@code lanes} at once; done when all are. A
     * failure of one ends the rest, so {@code work} recovers from its own.
     */
    public static <T> Uni<Void> each(Context parent, List<T> items, int lanes, Function<T, Uni<?>> work) {
        return Multi.createFrom().iterable(items)
                .onItem().transformToUni(item -> on(parent, () -> work.apply(item))).merge(lanes)
                .collect().last()
                .replaceWithVoid();
    }
}
