package io.forewarn.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayConfigTest {
    @Test
    void emptyEnvironmentGivesTheDocumentedDefaults() {
        ReplayConfig c = ReplayConfig.fromEnv(Map.of());
        assertThat(c.speedUp()).isEqualTo(3600);
        assertThat(c.mqtt().qos()).isEqualTo(1);
        assertThat(c.mqtt().serverUri()).isEqualTo("tcp://localhost:1883");
        assertThat(c.connections()).isEqualTo(1);
        assertThat(c.maxRate()).isZero();
        assertThat(c.skipBadRows()).isFalse();
    }

    @Test
    void environmentOverridesEveryVariable() {
        Map<String, String> env = Map.of("FOREWARN_REPLAY_SPEED", "max", "FOREWARN_REPLAY_QOS", "0", "FOREWARN_REPLAY_CONNECTIONS", "3",
                "FOREWARN_MQTT_URI", "tcp://broker:1883", "FOREWARN_MQTT_USERNAME", "u", "FOREWARN_MQTT_PASSWORD", "secret");
        assertThat(env.keySet()).as("this test covers every variable").containsExactlyInAnyOrderElementsOf(ReplayConfig.ENVIRONMENT);
        ReplayConfig c = ReplayConfig.fromEnv(env);
        assertThat(c.speedUp()).isInfinite();
        assertThat(c.mqtt().qos()).isZero();
        assertThat(c.connections()).isEqualTo(3);
        assertThat(c.mqtt().serverUri()).isEqualTo("tcp://broker:1883");
        assertThat(c.mqtt().username()).isEqualTo("u");
        assertThat(c.toString()).doesNotContain("secret");
    }

    @Test
    void badValuesNameTheirVariable() {
        assertThatThrownBy(() -> ReplayConfig.fromEnv(Map.of("FOREWARN_REPLAY_SPEED", "-2")))
                .hasMessageStartingWith("FOREWARN_REPLAY_SPEED: expected a positive number");
        assertThatThrownBy(() -> ReplayConfig.fromEnv(Map.of("FOREWARN_REPLAY_QOS", "2"))).hasMessage("FOREWARN_REPLAY_QOS: expected 0 or 1, got '2'");
        assertThatThrownBy(() -> ReplayConfig.fromEnv(Map.of("FOREWARN_REPLAY_CONNECTIONS", "many")))
                .hasMessage("FOREWARN_REPLAY_CONNECTIONS=many: not an integer");
    }

    @Test
    void readmeDocumentsEveryVariable() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(ReplayConfig.ENVIRONMENT).allSatisfy(name -> assertThat(readme).contains("`" + name + "`"));
    }
}
