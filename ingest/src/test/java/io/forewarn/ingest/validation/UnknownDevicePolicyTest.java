package io.forewarn.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.ingest.source.MqttRecord;
import io.forewarn.ingest.testing.TelemetryPayloads;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The decode function's policy for valid telemetry of devices its registry does not know. */
class UnknownDevicePolicyTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Duration CACHE_TTL = Duration.ofMinutes(1);

    private final InMemoryRegistry registry = new InMemoryRegistry("ac-0001");
    private OneInputStreamOperatorTestHarness<MqttRecord, TelemetryMessage> harness;

    @AfterEach
    void closeHarness() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void acceptKeepsTelemetryOfUnknownDevicesAndNeverAsksARegistry() throws Exception {
        open(UnknownDevicePolicy.ACCEPT);

        process("ac-0001", "ac-0002");

        assertThat(harness.extractOutputValues()).extracting(TelemetryMessage::deviceId).containsExactly("ac-0001", "ac-0002");
        assertThat(deadLetters()).isEmpty();
        assertThat(registry.lookups).isEmpty();
        assertThat(registry.opened).isFalse();
    }

    @Test
    void rejectDeadLettersUnknownDevicesAsUnknownDeviceAndKeepsRegisteredOnes() throws Exception {
        open(UnknownDevicePolicy.REJECT);

        process("ac-0001", "ac-0002");

        assertThat(registry.opened).isTrue();
        assertThat(harness.extractOutputValues()).extracting(TelemetryMessage::deviceId).containsExactly("ac-0001");
        assertThat(deadLetters()).singleElement().satisfies(dead -> {
            assertThat(dead.reason()).isEqualTo(RejectReason.UNKNOWN_DEVICE);
            assertThat(dead.deviceId()).isEqualTo("ac-0002");
            assertThat(dead.field()).isEqualTo("deviceId");
            assertThat(dead.detail()).contains("ac-0002", "not registered");
        });
    }

    @Test
    void quarantineKeepsTheWholePayloadUnderItsOwnReasonSoItCanBeReplayed() throws Exception {
        open(UnknownDevicePolicy.QUARANTINE);
        byte[] payload = payload("ac-0002", 7);

        harness.processElement(new MqttRecord(TelemetryMessage.topicFor("ac-0002"), payload, 1, NOW.toEpochMilli()), NOW.toEpochMilli());

        assertThat(harness.extractOutputValues()).isEmpty();
        DeadLetter dead = deadLetters().get(0);
        assertThat(dead.reason()).isEqualTo(RejectReason.QUARANTINED_UNKNOWN_DEVICE);
        assertThat(dead.topic()).isEqualTo("devices/ac-0002/telemetry");
        assertThat(dead.payload()).isEqualTo(payload);
        assertThat(dead.receivedAt()).isEqualTo(NOW);
        assertThat(dead.detail()).contains("replay");
    }

    @Test
    void invalidTelemetryKeepsItsValidationReasonWithoutAskingTheRegistry() throws Exception {
        open(UnknownDevicePolicy.REJECT);

        harness.processElement(new MqttRecord(TelemetryMessage.topicFor("ac-0002"), "{not json".getBytes(StandardCharsets.UTF_8), 1,
                NOW.toEpochMilli()), NOW.toEpochMilli());

        assertThat(deadLetters()).extracting(DeadLetter::reason).containsExactly(RejectReason.INVALID_JSON);
        assertThat(registry.lookups).isEmpty();
    }

    @Test
    void answersAreCachedForTheirTimeToLiveSoANewlyRegisteredDeviceIsAcceptedAfterIt() throws Exception {
        open(UnknownDevicePolicy.REJECT);

        process("ac-0002", "ac-0002");
        registry.register("ac-0002");
        harness.setProcessingTime(NOW.plus(CACHE_TTL).minusMillis(1).toEpochMilli());
        process("ac-0002");
        assertThat(harness.extractOutputValues()).as("still the cached answer").isEmpty();

        harness.setProcessingTime(NOW.plus(CACHE_TTL).toEpochMilli());
        process("ac-0002");

        assertThat(harness.extractOutputValues()).extracting(TelemetryMessage::deviceId).containsExactly("ac-0002");
        assertThat(registry.lookups).containsExactly("ac-0002", "ac-0002");
        assertThat(deadLetters()).hasSize(3);
    }

    @Test
    void aPolicyThatNeedsARegistryWithoutOneIsRefusedNamingTheSetting() {
        ValidationConfig config = ValidationConfig.defaults().withUnknownDevices(UnknownDevicePolicy.QUARANTINE);

        assertThatThrownBy(() -> new TelemetryDecodeFunction(config, ProductCatalog::builtIn))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FOREWARN_INGEST_UNKNOWN_DEVICES=quarantine");
    }

    @Test
    void closingTheFunctionClosesTheRegistry() throws Exception {
        open(UnknownDevicePolicy.REJECT);

        harness.close();
        harness = null;

        assertThat(registry.closed).isTrue();
    }

    private void open(UnknownDevicePolicy policy) throws Exception {
        ValidationConfig config = new ValidationConfig(16_384, Duration.ofMinutes(5), Duration.ofDays(7),
                ValidationConfig.ReferenceClock.WALL_CLOCK, policy, CACHE_TTL);
        harness = ProcessFunctionTestHarnesses.forProcessFunction(new TelemetryDecodeFunction(config, ProductCatalog::builtIn, registry));
        harness.setProcessingTime(NOW.toEpochMilli());
    }

    private void process(String... deviceIds) throws Exception {
        long seq = 1;
        for (String deviceId : deviceIds) {
            harness.processElement(new MqttRecord(TelemetryMessage.topicFor(deviceId), payload(deviceId, seq++), 1,
                    NOW.toEpochMilli()), NOW.toEpochMilli());
        }
    }

    private List<DeadLetter> deadLetters() {
        List<DeadLetter> dead = new ArrayList<>();
        if (harness.getSideOutput(TelemetryDecodeFunction.DEAD_LETTERS) != null) {
            harness.getSideOutput(TelemetryDecodeFunction.DEAD_LETTERS).forEach(r -> dead.add(r.getValue()));
        }
        return dead;
    }

    private static byte[] payload(String deviceId, long seq) {
        return TelemetryPayloads.json(deviceId, seq, NOW).getBytes(StandardCharsets.UTF_8);
    }

    /** A registry held in memory, recording what it was asked; a unit stand-in for the job's registry. */
    private static final class InMemoryRegistry implements DeviceRegistry {
        private final Set<String> registered = new HashSet<>();
        final List<String> lookups = new ArrayList<>();
        boolean opened;
        boolean closed;

        InMemoryRegistry(String... devices) {
            registered.addAll(List.of(devices));
        }

        void register(String deviceId) {
            registered.add(deviceId);
        }

        @Override
        public void open() {
            opened = true;
        }

        @Override
        public boolean isRegistered(String deviceId) {
            lookups.add(deviceId);
            return registered.contains(deviceId);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
