package io.forewarn.jobs.readings;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.contracts.telemetry.TelemetryMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Redelivered readings are dropped per device, late ones are kept however late, and the memory survives a restore. */
class DuplicateFilterTest {

    @Nested
    class SeenSequences {
        private final DuplicateFilter.SeenSequences seen = new DuplicateFilter.SeenSequences();

        @Test
        void aDeviceThatRestartsItsCountIsHeardAgain_aRedeliveryOfOldReadingsIsNot() {
            DuplicateFilter.SeenSequences seen = new DuplicateFilter.SeenSequences();
            for (long seq = 1; seq <= 500; seq++) {
                assertThat(seen.firstSighting(seq, seq * 300_000)).isTrue();
            }
            assertThat(seen.firstSighting(10, 10 * 300_000)).as("an old reading redelivered").isFalse();
            long afterReboot = 501 * 300_000;
            assertThat(seen.firstSighting(1, afterReboot)).as("first reading after a reboot").isTrue();
            assertThat(seen.firstSighting(2, afterReboot + 300_000)).as("second reading after a reboot").isTrue();
            assertThat(seen.firstSighting(2, afterReboot + 300_000)).as("and its redelivery").isFalse();
        }

        @Test
        void everyReadingOfAnInOrderStreamIsAFirstSighting() {
            for (long seq = 0; seq < 200; seq++) {
                assertThat(seen.firstSighting(seq)).as("seq %d", seq).isTrue();
            }
        }

        @Test
        void aRepeatedSequenceNumberIsNotAFirstSighting() {
            offer(1, 2, 3);

            assertThat(seen.firstSighting(3)).as("the highest again").isFalse();
            assertThat(seen.firstSighting(2)).as("one behind the highest again").isFalse();
            assertThat(seen.firstSighting(1)).as("the oldest again").isFalse();
        }

        @Test
        void aLateReadingIsKeptOnceAndThenRecognised() {
            offer(1);
            offer(3);
            for (long seq = 5; seq <= 64; seq++) offer(seq);

            assertThat(seen.firstSighting(2)).as("62 behind, never seen").isTrue();
            assertThat(seen.firstSighting(2)).as("the same late reading again").isFalse();
            assertThat(seen.firstSighting(4)).as("a second gap filled").isTrue();
            assertThat(seen.firstSighting(3)).as("seen in order before").isFalse();
        }

        @Test
        void aReadingExactly64BehindIsToldApart() {
            offer(1);
            for (long seq = 3; seq <= 66; seq++) offer(seq);

            assertThat(seen.firstSighting(2)).as("64 behind, never seen").isTrue();
            assertThat(seen.firstSighting(2)).as("64 behind, now seen").isFalse();
        }

        @Test
        void aReadingFarBehindThatWasNeverSeenIsKept_asTwoReadersDrainingABacklogDeliverIt() {
            offer(1);
            for (long seq = 3; seq <= 1_300; seq++) offer(seq);

            assertThat(seen.firstSighting(2)).as("1,298 behind, never seen").isTrue();
            assertThat(seen.firstSighting(2)).as("and its redelivery").isFalse();
            assertThat(seen.firstSighting(700)).as("seen in order long ago, redelivered").isFalse();
        }

        @Test
        void afterAJumpEveryReadingInsideTheJumpIsKeptOnceAndTheOneBeforeItIsARepeat() {
            offer(10);
            offer(110);

            assertThat(seen.firstSighting(10)).as("the reading before the jump").isFalse();
            assertThat(seen.firstSighting(40)).as("70 behind, never seen").isTrue();
            assertThat(seen.firstSighting(40)).as("70 behind, now seen").isFalse();
            assertThat(seen.firstSighting(11)).as("the first inside the jump").isTrue();
            assertThat(seen.firstSighting(109)).as("the last inside the jump").isTrue();
            assertThat(seen.firstSighting(110)).as("the new highest again").isFalse();
            assertThat(seen.firstSighting(111)).as("the next reading").isTrue();
            assertThat(seen.gaps).as("what is still unseen").containsExactly(0, 9, 12, 39, 41, 108);
        }

        @Test
        void readingsBelowTheFirstOneThisJobHeardAreNewToIt() {
            offer(5_000);

            assertThat(seen.firstSighting(4_000)).as("older, never seen here").isTrue();
            assertThat(seen.firstSighting(4_000)).isFalse();
        }

        @Test
        void aDeviceLosingEveryOtherReadingKeepsBoundedStateAndGivesUpTheOldestGapsCounted() {
            for (long seq = 0; seq <= 4 * DuplicateFilter.SeenSequences.MAX_GAPS; seq += 2) offer(seq);

            assertThat(seen.gaps.length).as("ranges kept").isEqualTo(2 * DuplicateFilter.SeenSequences.MAX_GAPS);
            assertThat(seen.sighting(1, Long.MIN_VALUE)).as("a gap given up")
                    .isEqualTo(DuplicateFilter.Sighting.TOO_OLD_TO_TELL);
            long newest = 4L * DuplicateFilter.SeenSequences.MAX_GAPS - 1;
            assertThat(seen.sighting(newest, Long.MIN_VALUE)).as("the newest gap, filled")
                    .isEqualTo(DuplicateFilter.Sighting.FIRST);
            assertThat(seen.sighting(newest, Long.MIN_VALUE)).isEqualTo(DuplicateFilter.Sighting.REPEAT);
        }

        private void offer(long... seqs) {
            for (long seq : seqs) {
                assertThat(seen.firstSighting(seq)).as("first offer of seq %d", seq).isTrue();
            }
        }
    }

    @Test
    void duplicatesAreDroppedPerDevice_soTheSameSequenceNumberOfAnotherDevicePasses() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.processElement(reading("dev-a", 1), 1);
            harness.processElement(reading("dev-a", 2), 2);
            harness.processElement(reading("dev-b", 1), 3);
            harness.processElement(reading("dev-a", 2), 4);
            harness.processElement(reading("dev-b", 1), 5);
            harness.processElement(reading("dev-b", 2), 6);

            assertThat(passed(harness)).containsExactly("dev-a#1", "dev-a#2", "dev-b#1", "dev-b#2");
        }
    }

    @Test
    void readingsReplayedAfterARestoreFromASnapshotAreDropped() throws Exception {
        OperatorSubtaskState snapshot;
        try (var before = harness()) {
            before.open();
            for (long seq = 1; seq <= 5; seq++) {
                before.processElement(reading("dev-a", seq), seq);
            }
            before.processElement(reading("dev-b", 1), 6);
            snapshot = before.snapshot(1L, 6L);
        }

        try (var after = harness()) {
            after.initializeState(snapshot);
            after.open();
            // After a restart MQTT redelivers what was not acknowledged: here the last three of dev-a and dev-b's first.
            for (long seq = 3; seq <= 7; seq++) {
                after.processElement(reading("dev-a", seq), 10 + seq);
            }
            after.processElement(reading("dev-b", 1), 20);
            after.processElement(reading("dev-b", 2), 21);

            assertThat(passed(after)).containsExactly("dev-a#6", "dev-a#7", "dev-b#2");
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, TelemetryMessage, TelemetryMessage> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DuplicateFilter()), TelemetryMessage::deviceId, Types.STRING);
    }

    private static List<String> passed(KeyedOneInputStreamOperatorTestHarness<String, TelemetryMessage, TelemetryMessage> harness) {
        return harness.extractOutputValues().stream().map(m -> m.deviceId() + "#" + m.seq()).toList();
    }

    static TelemetryMessage reading(String deviceId, long seq) {
        Map<String, TelemetryMessage.Metric> metrics = new LinkedHashMap<>();
        metrics.put("vibration_rms", new TelemetryMessage.Metric(1.0 + seq / 100.0, "mm/s"));
        return new TelemetryMessage(TelemetryMessage.SCHEMA_VERSION, deviceId, "AC-INV-12K",
                Instant.parse("2026-03-01T00:00:00Z").plusSeconds(300 * seq), seq, metrics);
    }
}
