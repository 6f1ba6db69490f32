package io.forewarn.launcher.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.simulator.faults.FaultKind;
import io.forewarn.simulator.truth.GroundTruth;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScorecardTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static Instant day(double d) {
        return T0.plusSeconds((long) (d * 86400));
    }

    @Test
    void countsTimelyTrueTicketsAndEveryKindOfFalseOne() {
        List<GroundTruth> truth = List.of(
                new GroundTruth("a", "AC", "leak", FaultKind.GRADUAL, day(2), day(10)),
                new GroundTruth("b", "AC", "leak", FaultKind.GRADUAL, day(2), day(10)),
                new GroundTruth("c", "AC", "filter", FaultKind.INTERMITTENT, day(2), day(10)),
                new GroundTruth("d", "AC", "leak", FaultKind.SUDDEN, day(9), day(9)));
        List<Scorecard.Ticket> tickets = List.of(
                new Scorecard.Ticket("a", "leak", day(6)),      // 4 days ahead: true, in time
                new Scorecard.Ticket("b", "leak", day(9.5)),    // 12 h ahead: true, late
                new Scorecard.Ticket("c", "bearing", day(5)),   // wrong mode on a degrading device: false
                new Scorecard.Ticket("h", "leak", day(3)),      // healthy device: false
                new Scorecard.Ticket("a", "leak", day(1)),      // before the fault began: false
                new Scorecard.Ticket("d", "leak", day(9.2)));   // after the sudden failure: late, not false
        Scorecard s = Scorecard.score(truth, tickets, 10, Duration.ofDays(14));

        assertThat(s.failuresWithPrecursor()).isEqualTo(3);
        assertThat(s.predictedBeforeFailure()).isEqualTo(2);
        assertThat(s.predictedAtLeast24hAhead()).isEqualTo(1);
        assertThat(s.recallAtLeast24hAhead()).isEqualTo(1.0 / 3);
        assertThat(s.suddenFailures()).isEqualTo(1);
        assertThat(s.suddenPredicted()).isZero();
        assertThat(s.trueTickets()).isEqualTo(2);
        assertThat(s.lateTickets()).isEqualTo(1);
        assertThat(s.falseTickets()).isEqualTo(3);
        assertThat(s.precision()).isEqualTo(2.0 / 5);
        assertThat(s.wrongModeTickets()).isEqualTo(1);
        assertThat(s.deviceDays()).isEqualTo(140);
        assertThat(s.falseTicketsPer1000DeviceDays()).isEqualTo(3 * 1000.0 / 140);
        assertThat(s.medianLead()).isEqualTo(Duration.ofHours(12)); // of {12 h, 96 h}: the lower middle
        assertThat(s.report()).contains("target >= 0.95").contains("false tickets / 1000 device-days")
                .contains("missed  c filter").contains("false   h leak").contains("(the device has filter)");
    }

    @Test
    void recordedFailuresWithoutOnsetAreScoredWithinTheWindowAndADeviceMayFailTwice() {
        // Recorded data: no onset, no kind; the second failure of "r" names no mode.
        List<GroundTruth> truth = List.of(
                new GroundTruth("r", "PUMP", "cavitation", null, null, day(20)),
                new GroundTruth("r", "PUMP", null, null, null, day(60)));
        List<Scorecard.Ticket> tickets = List.of(
                new Scorecard.Ticket("r", "cavitation", day(17)),      // 3 days before the first failure: true
                new Scorecard.Ticket("r", "impeller_wear", day(58)),   // before the second, which names no mode: true
                new Scorecard.Ticket("r", "cavitation", day(30)));     // 30 days before the second: outside the window
        Scorecard s = Scorecard.score(truth, tickets, 100.0);

        assertThat(Scorecard.RECORDED_WINDOW).isEqualTo(Duration.ofDays(14));
        assertThat(s.failuresWithPrecursor()).as("an unknown kind counts as a failure with a precursor").isEqualTo(2);
        assertThat(s.predictedAtLeast24hAhead()).isEqualTo(2);
        assertThat(s.trueTickets()).isEqualTo(2);
        assertThat(s.falseTickets()).isEqualTo(1);
        assertThat(s.medianLead()).isEqualTo(Duration.ofDays(2));
        assertThat(s.deviceDays()).isEqualTo(100.0);
        assertThat(s.report()).contains("more than 14 days before the failure");
    }
}
