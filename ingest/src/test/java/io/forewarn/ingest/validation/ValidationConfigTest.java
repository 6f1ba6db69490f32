package io.forewarn.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidationConfigTest {

    @Test
    void unsetVariablesKeepTheDocumentedDefaults() {
        ValidationConfig config = ValidationConfig.fromEnv(Map.of());

        assertThat(config).isEqualTo(new ValidationConfig(16_384, Duration.ofMinutes(5), Duration.ofDays(7),
                ValidationConfig.ReferenceClock.WALL_CLOCK, UnknownDevicePolicy.ACCEPT, Duration.ofMinutes(1)));
        assertThat(config.futureSkewCheckEnabled()).isTrue();
    }

    @Test
    void offDisablesTheFutureSkewCheckAndDurationsAcceptSecondsOrIso() {
        ValidationConfig config = ValidationConfig.fromEnv(Map.of(
                "FOREWARN_INGEST_MAX_FUTURE_SKEW", "off",
                "FOREWARN_INGEST_MAX_AGE", "3600",
                "FOREWARN_INGEST_MAX_PAYLOAD_BYTES", "1024",
                "FOREWARN_INGEST_REFERENCE_CLOCK", "max_event_time"));

        assertThat(config.futureSkewCheckEnabled()).isFalse();
        assertThat(config.maxAge()).isEqualTo(Duration.ofHours(1));
        assertThat(config.maxPayloadBytes()).isEqualTo(1024);
        assertThat(config.referenceClock()).isEqualTo(ValidationConfig.ReferenceClock.MAX_EVENT_TIME);
    }

    @Test
    void theUnknownDevicePolicyAndItsCacheAreReadCaseInsensitively() {
        ValidationConfig config = ValidationConfig.fromEnv(Map.of(
                "FOREWARN_INGEST_UNKNOWN_DEVICES", "quarantine",
                "FOREWARN_INGEST_DEVICE_CACHE_TTL", "PT10S"));

        assertThat(config.unknownDevices()).isEqualTo(UnknownDevicePolicy.QUARANTINE);
        assertThat(config.deviceCacheTtl()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aMalformedValueNamesTheVariable() {
        assertThatThrownBy(() -> ValidationConfig.fromEnv(Map.of("FOREWARN_INGEST_MAX_AGE", "a week")))
                .hasMessageContaining("FOREWARN_INGEST_MAX_AGE");
        assertThatThrownBy(() -> ValidationConfig.fromEnv(Map.of("FOREWARN_INGEST_UNKNOWN_DEVICES", "drop")))
                .hasMessageContaining("FOREWARN_INGEST_UNKNOWN_DEVICES").hasMessageContaining("QUARANTINE");
    }
}
