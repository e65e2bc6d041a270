package org.selectorate.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A round's ballots closed at one moment, as they close at their common closing time: each ballot's close brought
 * forward to the same time a little ahead (so with a scrutineer's co-signature), then the timetable closes them all,
 * and each public result is waited for, timed from that common close.
 */
final class CommonClose {
    private static final Set<Integer> NOT_YET = Set.of(404, 409);
    private static final Duration EVENTUAL = Duration.ofMinutes(5);

    /** Where the bench records a phase from its start ({@code System.nanoTime()}) until now. */
    interface Phases {
        void finish(String name, long startNanos, String note);
    }

    private final Api api;
    private final Supplier<String> admin;

    CommonClose(Api api, Supplier<String> admin) {
        this.api = api;
        this.admin = admin;
    }

    /**
     * Closes the ballots at one moment and reports {@code close set} and {@code close->published}; each result's
     * delay from the common close (ms) goes to {@code delays}; {@code atClose} runs at the common close and
     * {@code published} once every result is out. False if a co-signature came after the moment.
     */
    boolean close(List<String> ballotIds, Phases phases, Consumer<Long> delays, Runnable atClose, Runnable published)
            throws Exception {
        String scrutineer = api.token("scrutineer", "scrutineer-demo");
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(32, ballotIds.size()));
        Instant closesAt = Instant.now().plus(lead(ballotIds.size())).truncatedTo(ChronoUnit.SECONDS);
        try {
            long t = System.nanoTime();
            each(pool, ballotIds, ballotId -> {
                JsonNode proposal = api.post(admin.get(), "/api/ballots/ballots/" + ballotId + "/close",
                                Map.of("reason", "the bench's voting is over", "at", closesAt.toString()))
                        .expect(409).json().path("proposal");
                api.post(scrutineer, "/api/ballots/proposals/" + proposal.path("id").asText() + "/cosign",
                        Map.of("reason", "checked: the bench's voting is over",
                                "digest", proposal.path("digest").asText())).expect(200);
            });
            phases.finish("close set", t, "every ballot's close brought forward to " + closesAt + ", co-signed");
            boolean inTime = Instant.now().isBefore(closesAt);
            Api.sleep(Math.max(0, Duration.between(Instant.now(), closesAt).toMillis()));
            long common = System.nanoTime() - Duration.between(closesAt, Instant.now()).toNanos();
            atClose.run();
            each(pool, ballotIds, ballotId -> {
                // once a second, as someone refreshing a result page: 32 watchers asking 4 times a second took
                // a share of the CPU from the close they were timing (each result is then up to 1 s late)
                api.until(() -> api.get(null, "/api/tally/public/ballots/" + ballotId + "/result"), NOT_YET, EVENTUAL,
                        Duration.ofSeconds(1)).expect(200);
                delays.accept((System.nanoTime() - common) / 1_000_000);
            });
            phases.finish("close->published", common, "from the common close until every result was public");
            published.run();
            return inTime;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Time enough to bring every close forward (about 40 ms a ballot here, 32 at a time; 60 for a margin). */
    static Duration lead(int ballots) {
        return Duration.ofSeconds(15).plusMillis(60L * ballots);
    }

    private static void each(ExecutorService pool, List<String> ballotIds, Consumer<String> task) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (String ballotId : ballotIds) {
            done.add(pool.submit(() -> task.accept(ballotId)));
        }
        for (Future<?> f : done) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
            }
        }
    }
}
