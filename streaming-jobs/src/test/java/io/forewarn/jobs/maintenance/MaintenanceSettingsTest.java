package io.forewarn.jobs.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.ingest.source.MqttSourceConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service-visit subscription shares the telemetry's connection but never its session; the durations have defaults. */
class MaintenanceSettingsTest {
    static final Map<String, String> TELEMETRY = Map.of(
            "FOREWARN_MQTT_URI", "tcp://broker:1883",
            "FOREWARN_MQTT_CLIENT_ID_PREFIX", "job-a",
            "FOREWARN_MQTT_USERNAME", "forewarn",
            "FOREWARN_MQTT_PASSWORD", "secret");

    @Test
    void byDefaultTheServiceTopicsAreReadOverTheTelemetrysConnectionWithTheirOwnGroupAndClientIds() {
        MqttSourceConfig telemetry = MqttSourceConfig.fromEnv(TELEMETRY);

        MaintenanceSettings settings = MaintenanceSettings.fromEnv(TELEMETRY, telemetry);

        MqttSourceConfig visits = settings.visits();
        assertThat(visits.serverUri()).isEqualTo("tcp://broker:1883");
        assertThat(visits.username()).isEqualTo("forewarn");
        assertThat(visits.password()).isEqualTo("secret");
        assertThat(visits.subscribedFilters()).containsExactly("$share/forewarn-service-visits/devices/+/service");
        assertThat(visits.clientIdFor(0)).isEqualTo("job-a-service-0").isNotEqualTo(telemetry.clientIdFor(0));
        assertThat(settings.settleAfterVisit()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.openVisitLimit()).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void eachPartCanBeSetAndTheSubscriptionSwitchedOff() {
        MqttSourceConfig telemetry = MqttSourceConfig.fromEnv(Map.of());
        MaintenanceSettings settings = MaintenanceSettings.fromEnv(Map.of(
                "FOREWARN_SERVICE_TOPIC_FILTERS", "devices/+/service, sites/+/visits",
                "FOREWARN_SERVICE_SHARED_GROUP", "none",
                "FOREWARN_SERVICE_CLIENT_ID_PREFIX", "visits",
                "FOREWARN_MAINTENANCE_GRACE", "off",
                "FOREWARN_MAINTENANCE_OPEN_VISIT_LIMIT", "PT8H"), telemetry);

        assertThat(settings.visits().subscribedFilters()).isEqualTo(List.of("devices/+/service", "sites/+/visits"));
        assertThat(settings.visits().clientIdFor(1)).isEqualTo("visits-1");
        assertThat(settings.settleAfterVisit()).isZero();
        assertThat(settings.openVisitLimit()).isEqualTo(Duration.ofHours(8));

        assertThat(MaintenanceSettings.fromEnv(Map.of("FOREWARN_SERVICE_TOPIC_FILTERS", "off"), telemetry).visits()).isNull();
    }

    @Test
    void aBadValueIsAnErrorNamingIt() {
        MqttSourceConfig telemetry = MqttSourceConfig.fromEnv(Map.of());
        assertThatThrownBy(() -> MaintenanceSettings.fromEnv(Map.of("FOREWARN_MAINTENANCE_GRACE", "a day"), telemetry))
                .hasMessageContaining("FOREWARN_MAINTENANCE_GRACE=a day");
        assertThatThrownBy(() -> MaintenanceSettings.fromEnv(Map.of("FOREWARN_MAINTENANCE_OPEN_VISIT_LIMIT", "off"), telemetry))
                .hasMessageContaining("openVisitLimit").hasMessageContaining("must be positive");
        assertThatThrownBy(() -> MaintenanceSettings.fromEnv(Map.of("FOREWARN_SERVICE_SHARED_GROUP", "a/b"), telemetry))
                .hasMessageContaining("sharedGroup");
    }
}
