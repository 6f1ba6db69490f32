package io.forewarn.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.alerts.http.ApiProblem;
import io.forewarn.alerts.http.Cursor;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CursorAndConfigTest {

    @Test
    void cursorRoundTripsItsKeyParts() {
        String cursor = Cursor.encode("2025-06-01T12:00:00.123456Z", "tk-1");

        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(Cursor.decode(cursor, 2)).containsExactly("2025-06-01T12:00:00.123456Z", "tk-1");
    }

    @Test
    void cursorWithTheWrongShapeIsABadRequest() {
        assertThatThrownBy(() -> Cursor.decode(Cursor.encode("only-one"), 2))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(400));
        assertThatThrownBy(() -> Cursor.decode("***", 1)).isInstanceOf(ApiProblem.class);
    }

    @Test
    void configDefaultsWhenNothingIsSet() {
        AlertsApiConfig config = AlertsApiConfig.fromEnv(Map.of());

        assertThat(config.httpHost()).isEqualTo("127.0.0.1");
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.jwtSecret()).isNull();
        assertThat(config.tokenTtl()).isEqualTo(Duration.ofHours(8));
        assertThat(config.loginAttemptsPerMinute()).isEqualTo(10);
    }

    @Test
    void configReadsEveryVariable() {
        AlertsApiConfig config = AlertsApiConfig.fromEnv(Map.of(
                "FOREWARN_API_HOST", "0.0.0.0",
                "FOREWARN_API_PORT", "0",
                "FOREWARN_API_JWT_SECRET", "x".repeat(32),
                "FOREWARN_API_TOKEN_TTL", "PT15M",
                "FOREWARN_API_LOGIN_ATTEMPTS_PER_MINUTE", "4"));

        assertThat(config).isEqualTo(new AlertsApiConfig("0.0.0.0", 0, "x".repeat(32), Duration.ofMinutes(15), 4));
        assertThat(config.toString()).doesNotContain("xxxx");
    }

    @Test
    void badConfigValuesNameTheVariable() {
        assertThatThrownBy(() -> AlertsApiConfig.fromEnv(Map.of("FOREWARN_API_PORT", "eighty")))
                .hasMessageContaining("FOREWARN_API_PORT");
        assertThatThrownBy(() -> AlertsApiConfig.fromEnv(Map.of("FOREWARN_API_TOKEN_TTL", "8h")))
                .hasMessageContaining("FOREWARN_API_TOKEN_TTL");
        assertThatThrownBy(() -> AlertsApiConfig.fromEnv(Map.of("FOREWARN_API_JWT_SECRET", "short")))
                .hasMessageContaining("32");
    }
}
