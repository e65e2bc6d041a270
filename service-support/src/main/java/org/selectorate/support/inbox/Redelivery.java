package org.selectorate.support.inbox;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Applies an incoming event (or batch) again and again while its transaction fails, before it is acked or nacked. A
 * nack stops the channel (SmallRye's {@code fail} strategy) and only a restart of the instance would start it again;
 * a database that is down or restarting is a reason to wait, not to stop. Each attempt is a fresh transaction, so a
 * failed one left nothing behind; the effects are idempotent (inbox, unique keys), so a repeat after a commit whose
 * answer was lost does nothing twice. Attempts back off from {@link #FIRST} to {@link #LONGEST}; after
 * {@link #GIVE_UP} the failure is returned and the caller nacks, so a failure that does not pass (a bug, a poison
 * event) still ends in a restart. The consumer's commit strategy tolerates a record unacked that long
 * ({@code throttled.unprocessed-record-max-age.ms}, set longer in the shared configuration).
 */
public final class Redelivery {
    static final Duration FIRST = Duration.ofMillis(200);
    static final Duration LONGEST = Duration.ofSeconds(10);
    public static final Duration GIVE_UP = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger(Redelivery.class);

    private Redelivery() {
    }

    /** {@code attempt} retried on every failure but the ones {@code permanent} names. */
    public static <T> Uni<T> retried(String consumer, Supplier<Uni<T>> attempt, Predicate<Throwable> permanent) {
        // A retry is subscribed from the back-off's timer thread: every attempt must start on the caller's Vert.x
        // context, where its transaction (Hibernate Reactive's session) lives.
        Context context = Vertx.currentContext();
        Uni<T> once = Uni.createFrom().deferred(() -> attempt.get());
        if (context != null) {
            once = once.runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
        }
        Predicate<Throwable> transientFailure = permanent.negate();
        // The exception's class only: a database message can quote the row it refused (a token, an address).
        return once.onFailure(transientFailure).invoke(e -> LOG.warnf("%s: applying an event failed (%s); "
                        + "trying again", consumer, e.getClass().getName()))
                .onFailure(transientFailure).retry().withBackOff(FIRST, LONGEST).withJitter(0.2)
                .expireIn(GIVE_UP.toMillis());
    }

    /** {@code attempt} retried on every failure. */
    public static <T> Uni<T> retried(String consumer, Supplier<Uni<T>> attempt) {
        return retried(consumer, attempt, e -> false);
    }
}
