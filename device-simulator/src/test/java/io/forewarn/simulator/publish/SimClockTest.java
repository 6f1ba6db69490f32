package io.forewarn.simulator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimClockTest {
    static final Instant START = Instant.parse("2026-11-25T00:00:00Z");

    @Test
    void simTimeIsStartPlusSpeedUpTimesElapsedWallTime() {
        AtomicLong wallNanos = new AtomicLong(1_000);
        SimClock clock = new SimClock(START, 3600, wallNanos::get);
        assertThat(clock.now()).as("frozen before it starts").isEqualTo(START);
        clock.startTicking();
        wallNanos.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(clock.now()).isEqualTo(START.plus(Duration.ofHours(30)));
        wallNanos.addAndGet(Duration.ofMillis(250).toNanos());
        assertThat(clock.now()).isEqualTo(START.plus(Duration.ofHours(30)).plus(Duration.ofMinutes(15)));
    }

    @Test
    void speedUpOneIsRealTime() {
        AtomicLong wallNanos = new AtomicLong();
        SimClock clock = new SimClock(START, 1, wallNanos::get);
        clock.startTicking();
        wallNanos.addAndGet(Duration.ofSeconds(7).toNanos());
        assertThat(clock.now()).isEqualTo(START.plusSeconds(7));
    }
}
