package io.forewarn.alerts.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Quiet hours, the frequency cap and the retry backoff, as plain rules. */
class DeliveryRulesTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void quietHoursSpanningMidnightHoldUntilTheMorningInTheCustomersZone() {
        QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), SHANGHAI);
        // 23:30 in Shanghai is 15:30 UTC: quiet until 07:00 Shanghai the next day, 23:00 UTC.
        Instant lateEvening = Instant.parse("2026-03-10T15:30:00Z");
        assertThat(night.contains(lateEvening)).isTrue();
        assertThat(night.endAfter(lateEvening)).isEqualTo(Instant.parse("2026-03-10T23:00:00Z"));
        // 03:00 Shanghai, after midnight: quiet until 07:00 the same day.
        Instant smallHours = Instant.parse("2026-03-10T19:00:00Z");
        assertThat(night.endAfter(smallHours)).isEqualTo(Instant.parse("2026-03-10T23:00:00Z"));
        // 21:59 and 07:00 are outside; 22:00 is inside.
        assertThat(night.contains(Instant.parse("2026-03-10T13:59:00Z"))).isFalse();
        assertThat(night.contains(Instant.parse("2026-03-10T14:00:00Z"))).isTrue();
        assertThat(night.contains(Instant.parse("2026-03-10T23:00:00Z"))).isFalse();
        assertThat(night.endAfter(Instant.parse("2026-03-10T05:00:00Z"))).as("13:00 is not quiet").isNull();
    }

    @Test
    void quietHoursWithinOneDayHoldUntilTheirEnd() {
        QuietHours siesta = new QuietHours(LocalTime.of(13, 0), LocalTime.of(15, 30), BERLIN);
        // 14:00 in Berlin in winter is 13:00 UTC.
        assertThat(siesta.endAfter(Instant.parse("2026-01-15T13:00:00Z"))).isEqualTo(Instant.parse("2026-01-15T14:30:00Z"));
        assertThat(siesta.contains(Instant.parse("2026-01-15T11:59:59Z"))).isFalse();
        assertThat(siesta.contains(Instant.parse("2026-01-15T14:30:00Z"))).isFalse();
    }

    @Test
    void aQuietEndInsideTheDaylightSavingGapMovesToJustAfterIt() {
        // Berlin skips 02:00-03:00 on 2026-03-29; quiet hours ending at 02:30 end at 03:30 local (01:30 UTC).
        QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(2, 30), BERLIN);
        Instant midnight = Instant.parse("2026-03-28T23:00:00Z");
        assertThat(night.endAfter(midnight)).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void noQuietHoursWhenUnsetOrEqual() {
        assertThat(QuietHours.of(null, LocalTime.NOON, BERLIN)).isNull();
        assertThat(QuietHours.of(LocalTime.NOON, LocalTime.NOON, BERLIN)).isNull();
        assertThatThrownBy(() -> new QuietHours(LocalTime.NOON, LocalTime.NOON, BERLIN))
                .hasMessageContaining("same time");
    }

    @Test
    void theCapHoldsUntilTheOldestNoticeOfTheWindowAgesOut() {
        FrequencyCap cap = new FrequencyCap(2);
        Instant now = Instant.parse("2026-03-10T12:00:00Z");
        Instant tenDaysAgo = now.minus(Duration.ofDays(10));
        Instant sixDaysAgo = now.minus(Duration.ofDays(6));
        Instant yesterday = now.minus(Duration.ofDays(1));
        assertThat(cap.heldUntil(List.of(tenDaysAgo, yesterday), now)).as("one notice in the window").isNull();
        assertThat(cap.heldUntil(List.of(tenDaysAgo, sixDaysAgo, yesterday), now))
                .isEqualTo(sixDaysAgo.plus(Duration.ofDays(7)));
        // Three in the window against a cap of two: room again when two have aged out.
        Instant twoDaysAgo = now.minus(Duration.ofDays(2));
        assertThat(cap.heldUntil(List.of(sixDaysAgo, twoDaysAgo, yesterday), now))
                .isEqualTo(twoDaysAgo.plus(Duration.ofDays(7)));
    }

    @Test
    void urgentNoticesWaitForQuietHoursButNotForTheCap() {
        QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("UTC"));
        FrequencyCap cap = new FrequencyCap(1);
        List<Instant> recent = List.of(Instant.parse("2026-03-10T08:00:00Z"));
        Instant day = Instant.parse("2026-03-10T12:00:00Z");
        Instant night23 = Instant.parse("2026-03-10T23:00:00Z");

        assertThat(Hold.decide(night, cap, false, recent, day).reason()).isEqualTo(Hold.FREQUENCY_CAP);
        assertThat(Hold.decide(night, cap, true, recent, day)).isNull();
        assertThat(Hold.decide(night, cap, true, recent, night23))
                .isEqualTo(new Hold(Hold.QUIET_HOURS, Instant.parse("2026-03-11T07:00:00Z")));
    }

    @Test
    void backoffDoublesFromTheBaseWithJitterAndStopsAtTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10));
        assertThat(backoff.delay(1, 0.0)).isEqualTo(Duration.ofSeconds(15));
        assertThat(backoff.delay(1, 0.999)).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(30));
        assertThat(backoff.delay(3, 0.0)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delay(3, 0.5)).isEqualTo(Duration.ofSeconds(90));
        assertThat(backoff.delay(10, 0.0)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.delay(100, 0.999)).isLessThanOrEqualTo(Duration.ofMinutes(10));
    }
}
