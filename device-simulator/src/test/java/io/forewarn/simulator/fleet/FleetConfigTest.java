package io.forewarn.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.simulator.faults.FaultKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetConfigTest {
    @Test
    void emptyEnvironmentGivesTheDocumentedDefaults() {
        FleetConfig c = FleetConfig.fromEnv(Map.of());
        assertThat(c.devices()).isEqualTo(50);
        assertThat(c.seed()).isEqualTo(42);
        assertThat(c.speedUp()).isEqualTo(3600);
        assertThat(c.degradingDevices()).isEqualTo(6);
        assertThat(c.faultKinds()).containsExactly(FaultKind.GRADUAL);
        assertThat(c.simSpan()).isNull();
        assertThat(c.serverUri()).isEqualTo("tcp://localhost:1883");
        assertThat(c.qos()).isEqualTo(1);
        assertThat(c.connections()).isEqualTo(4);
        assertThat(c.username()).isNull();
        assertThat(c.maxRate()).as("no rate cap").isZero();
        assertThat(c.listenForService()).isFalse();
        assertThat(c.start().getEpochSecond() % 3600).as("starts on the hour").isZero();
    }

    @Test
    void environmentOverridesEveryField() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("FOREWARN_SIM_DEVICES", "12"), Map.entry("FOREWARN_SIM_SEED", "-3"),
                Map.entry("FOREWARN_SIM_START", "2026-11-25T00:00:00Z"), Map.entry("FOREWARN_SIM_SPEED_UP", "1"),
                Map.entry("FOREWARN_SIM_DEGRADING", "4"), Map.entry("FOREWARN_SIM_FAULT_KINDS", "gradual, sudden"),
                Map.entry("FOREWARN_SIM_SPAN", "7d"), Map.entry("FOREWARN_MQTT_URI", "tcp://broker:1883"),
                Map.entry("FOREWARN_SIM_QOS", "0"), Map.entry("FOREWARN_SIM_CONNECTIONS", "2"),
                Map.entry("FOREWARN_SIM_CLIENT_ID_PREFIX", "sim"), Map.entry("FOREWARN_MQTT_USERNAME", "u"),
                Map.entry("FOREWARN_MQTT_PASSWORD", "secret"), Map.entry("FOREWARN_SIM_RATE", "5000"),
                Map.entry("FOREWARN_SIM_LISTEN_FOR_SERVICE", "true"));
        assertThat(env.keySet()).as("this test covers every variable").containsExactlyInAnyOrderElementsOf(FleetConfig.ENVIRONMENT);
        FleetConfig c = FleetConfig.fromEnv(env);
        assertThat(c).isEqualTo(new FleetConfig(12, -3, Instant.parse("2026-11-25T00:00:00Z"), 1, 4,
                List.of(FaultKind.GRADUAL, FaultKind.SUDDEN), Duration.ofDays(7), "tcp://broker:1883", 0, 2, "sim", "u", "secret", 5000, true));
        assertThat(c.toString()).doesNotContain("secret");
        assertThat(c.simEnd()).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
    }

    @Test
    void readmeDocumentsEveryVariable() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(FleetConfig.ENVIRONMENT).allSatisfy(name -> assertThat(readme).contains("`" + name + "`"));
    }

    @Test
    void badValuesNameTheirVariable() {
        assertThatThrownBy(() -> FleetConfig.fromEnv(Map.of("FOREWARN_SIM_DEVICES", "lots")))
                .hasMessage("FOREWARN_SIM_DEVICES: expected a whole number, got 'lots'");
        assertThatThrownBy(() -> FleetConfig.fromEnv(Map.of("FOREWARN_SIM_START", "today")))
                .hasMessageContaining("FOREWARN_SIM_START: expected a UTC instant");
        assertThatThrownBy(() -> FleetConfig.fromEnv(Map.of("FOREWARN_SIM_FAULT_KINDS", "gradual,explosive")))
                .hasMessageContaining("unknown fault kind 'explosive'");
        assertThatThrownBy(() -> FleetConfig.fromEnv(Map.of("FOREWARN_SIM_DEVICES", "0")))
                .hasMessageContaining("devices must be at least 1");
        assertThatThrownBy(() -> FleetConfig.fromEnv(Map.of("FOREWARN_SIM_LISTEN_FOR_SERVICE", "yes")))
                .hasMessage("FOREWARN_SIM_LISTEN_FOR_SERVICE: expected true or false, got 'yes'");
        assertThatThrownBy(() -> FleetConfig.fromEnv(Map.of("FOREWARN_SIM_RATE", "-1")))
                .hasMessageContaining("maxRate must be 0 (no cap) or a positive number");
        assertThatThrownBy(() -> FleetConfig.defaults().withConnections(FleetConfig.MAX_CONNECTIONS + 1))
                .hasMessageContaining("connections must be between 1 and 2000");
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        assertThat(FleetConfig.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(FleetConfig.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(FleetConfig.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(FleetConfig.parseDuration("3d")).isEqualTo(Duration.ofDays(3));
        assertThat(FleetConfig.parseDuration("PT10M")).isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> FleetConfig.parseDuration("10 minutes")).isInstanceOf(IllegalArgumentException.class);
    }
}
