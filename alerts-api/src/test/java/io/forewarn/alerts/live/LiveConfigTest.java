package io.forewarn.alerts.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveConfigTest {
    @Test
    void withoutVariablesTheDocumentedDefaultsApply() {
        assertThat(LiveConfig.fromEnv(Map.of())).isEqualTo(new LiveConfig(
                Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(15), 1000));
    }

    @Test
    void variablesAreRead() {
        LiveConfig config = LiveConfig.fromEnv(Map.of("FOREWARN_LIVE_POLL_INTERVAL", "PT0.5S",
                "FOREWARN_LIVE_LOOKBACK", "PT30S", "FOREWARN_LIVE_HEARTBEAT", "PT1M", "FOREWARN_LIVE_REPLAY_EVENTS", "0"));

        assertThat(config).isEqualTo(new LiveConfig(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(1), 0));
    }

    @Test
    void aMalformedOrImpossibleValueIsAnErrorNamingIt() {
        assertThatThrownBy(() -> LiveConfig.fromEnv(Map.of("FOREWARN_LIVE_POLL_INTERVAL", "2s")))
                .hasMessageContaining("FOREWARN_LIVE_POLL_INTERVAL").hasMessageContaining("'2s'");
        assertThatThrownBy(() -> LiveConfig.fromEnv(Map.of("FOREWARN_LIVE_REPLAY_EVENTS", "many")))
                .hasMessageContaining("FOREWARN_LIVE_REPLAY_EVENTS");
        assertThatThrownBy(() -> LiveConfig.fromEnv(Map.of("FOREWARN_LIVE_HEARTBEAT", "PT0S")))
                .hasMessageContaining("heartbeat");
        assertThatThrownBy(() -> LiveConfig.fromEnv(Map.of("FOREWARN_LIVE_LOOKBACK", "-PT1S")))
                .hasMessageContaining("lookback");
    }
}
