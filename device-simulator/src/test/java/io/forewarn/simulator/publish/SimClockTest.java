package io.forewarn.simulator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimClockTest {
    static final Instant START = Instant.parse("2026-11-25T00:00:00Z");

    @Test
    void aCatchingUpFleetStartsTheGivenTimeBackOnAFiveMinuteMark() {
        Instant now = Instant.parse("2026-11-26T06:47:35.123Z");
        assertThat(SimClock.startBefore(now, Duration.ofDays(3))).isEqualTo(Instant.parse("2026-11-23T06:45:00Z"));
        assertThat(SimClock.startBefore(Instant.parse("2026-11-26T06:50:00Z"), Duration.ofHours(2)))
                .as("already on a mark").isEqualTo(Instant.parse("2026-11-26T04:50:00Z"));
    }

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
        assertThat(clock.isLive()).as("an accelerated clock is never live").isFalse();
    }

    @Test
    void speedUpOneIsRealTime() {
        AtomicLong wallNanos = new AtomicLong();
        SimClock clock = new SimClock(START, 1, wallNanos::get);
        clock.startTicking();
        wallNanos.addAndGet(Duration.ofSeconds(7).toNanos());
        assertThat(clock.now()).isEqualTo(START.plusSeconds(7));
    }

    @Test
    void aClockCatchingUpReplaysThePastAtTheSpeedUpThenRunsInRealTimeWithTheWallClock() {
        WallClock wall = new WallClock(START.plus(Duration.ofDays(2)));
        SimClock clock = SimClock.catchingUp(START, 3600, wall::nanoTime, wall);
        assertThat(clock.now()).as("frozen before it starts").isEqualTo(START);
        clock.startTicking();
        wall.advance(Duration.ofSeconds(24));
        assertThat(clock.now()).as("a day replayed in 24 s").isEqualTo(START.plus(Duration.ofDays(1)));
        assertThat(clock.isLive()).isFalse();

        // 48 h at 3600× take 48 s, during which the wall clock moved on by 48 s: sim time meets it after 48.0133 s.
        wall.advance(Duration.ofSeconds(24));
        assertThat(clock.now()).isEqualTo(START.plus(Duration.ofDays(2)));
        wall.advance(Duration.ofMillis(13));
        assertThat(clock.now()).as("just short of the wall clock: still replaying")
                .isEqualTo(START.plus(Duration.ofDays(2)).plus(Duration.ofMillis(13 * 3600)));
        assertThat(clock.isLive()).isFalse();
        wall.advance(Duration.ofMillis(1));
        assertThat(clock.now()).as("caught up: sim time is the wall clock").isEqualTo(wall.instant());
        assertThat(clock.isLive()).isTrue();

        wall.advance(Duration.ofMinutes(5));
        assertThat(clock.now()).as("then real time, never ahead").isEqualTo(wall.instant())
                .isEqualTo(START.plus(Duration.ofDays(2)).plus(Duration.ofMinutes(5)).plusMillis(48_014));
    }

    @Test
    void aClockCatchingUpNeverRunsBackwards() {
        WallClock wall = new WallClock(START.plusSeconds(10));
        SimClock clock = startedCatchingUpWith(wall);
        wall.advance(Duration.ofSeconds(1));
        Instant live = clock.now();
        assertThat(live).isEqualTo(wall.instant());
        wall.stepWallClock(Duration.ofSeconds(-30));  // the machine's clock is set back
        assertThat(clock.now()).as("held, not rewound").isEqualTo(live);
        wall.advance(Duration.ofSeconds(31));
        assertThat(clock.now()).isEqualTo(wall.instant());
    }

    @Test
    void aStartAheadOfTheWallClockIsHeldUntilTheWallClockGetsThere() {
        WallClock wall = new WallClock(START.minusSeconds(60));
        SimClock clock = startedCatchingUpWith(wall);
        wall.advance(Duration.ofSeconds(59));
        assertThat(clock.now()).isEqualTo(START);
        wall.advance(Duration.ofSeconds(2));
        assertThat(clock.now()).isEqualTo(START.plusSeconds(1));
    }

    private static SimClock startedCatchingUpWith(WallClock wall) {
        SimClock clock = SimClock.catchingUp(START, 3600, wall::nanoTime, wall);
        clock.startTicking();
        return clock;
    }

    /** A wall clock and a nano-time source that advance together, as the machine's do; the wall clock can also be stepped. */
    static final class WallClock extends Clock {
        private final AtomicLong nanos = new AtomicLong(123_456_789);
        private volatile Instant wall;

        WallClock(Instant wall) {
            this.wall = wall;
        }

        void advance(Duration d) {
            nanos.addAndGet(d.toNanos());
            wall = wall.plus(d);
        }

        void stepWallClock(Duration d) {
            wall = wall.plus(d);
        }

        long nanoTime() {
            return nanos.get();
        }

        @Override
        public Instant instant() {
            return wall;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
