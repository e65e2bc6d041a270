package org.selectorate.ballot.clock;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.time.Duration;

/**
 * The time against which the timetable's rules are judged (a notice's lead time before a ballot opens or a
 * meeting starts). The wall clock, unless {@code selectorate.clock.offset} sets it ahead: a rehearsal or an
 * end-to-end test can then let a lead time pass without waiting days.
 */
public class TimetableClock {
    @ConfigMapping(prefix = "selectorate.clock")
    public interface Config {
        @WithDefault("PT0S")
        Duration offset();
    }

    @Produces
    @ApplicationScoped
    Clock clock(Config config) {
        return Clock.offset(Clock.systemUTC(), config.offset());
    }
}
