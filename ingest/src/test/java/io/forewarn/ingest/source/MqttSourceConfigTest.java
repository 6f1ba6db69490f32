package io.forewarn.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MqttSourceConfigTest {

    @Test
    void theBuilderProducesASharedSubscriptionWithStableClientIds() {
        MqttSourceConfig config = MqttSource.builder()
                .setServerUri("tcp://broker:1883")
                .setTopicFilters("devices/+/telemetry")
                .setQos(1)
                .setSharedGroup("forewarn-ingest")
                .setClientIdPrefix("forewarn-ingest")
                .setCredentials("ingest", "secret")
                .setSessionExpiry(Duration.ofHours(2))
                .build()
                .config();

        assertThat(config.subscribedFilters()).containsExactly("$share/forewarn-ingest/devices/+/telemetry");
        assertThat(config.clientIdFor(3)).isEqualTo("forewarn-ingest-3");
        assertThat(config.toString()).doesNotContain("secret");
    }

    @Test
    void withoutAGroupTheSubscriptionIsPlain() {
        MqttSourceConfig config = MqttSource.builder().setSharedGroup(null).build().config();

        assertThat(config.subscribedFilters()).containsExactly("devices/+/telemetry");
    }

    @Test
    void environmentVariablesOverrideTheDefaults() {
        MqttSourceConfig config = MqttSourceConfig.fromEnv(Map.of(
                "FOREWARN_MQTT_URI", "ssl://broker:8883",
                "FOREWARN_MQTT_TOPIC_FILTERS", "devices/+/telemetry, fleet/#",
                "FOREWARN_MQTT_SHARED_GROUP", "none",
                "FOREWARN_MQTT_SESSION_EXPIRY", "P1D",
                "FOREWARN_MQTT_ACK_MODE", "on_receipt"));

        assertThat(config.serverUri()).isEqualTo("ssl://broker:8883");
        assertThat(config.topicFilters()).isEqualTo(List.of("devices/+/telemetry", "fleet/#"));
        assertThat(config.sharedGroup()).isNull();
        assertThat(config.sessionExpiry()).isEqualTo(Duration.ofDays(1));
        assertThat(config.ackMode()).isEqualTo(AckMode.ON_RECEIPT);
        assertThat(MqttSourceConfig.fromEnv(Map.of())).isEqualTo(MqttSourceConfig.defaults());
    }

    @Test
    void tlsStoresComeFromTheEnvironmentWithPkcs12AsTheDefaultTypeAndPasswordsStayOutOfToString() {
        MqttSourceConfig config = MqttSourceConfig.fromEnv(Map.of(
                "FOREWARN_MQTT_URI", "ssl://broker:8883",
                "FOREWARN_MQTT_TRUSTSTORE", "/etc/forewarn/broker-ca.p12",
                "FOREWARN_MQTT_TRUSTSTORE_PASSWORD", "trust-secret",
                "FOREWARN_MQTT_KEYSTORE", "/etc/forewarn/ingest.jks",
                "FOREWARN_MQTT_KEYSTORE_PASSWORD", "key-secret",
                "FOREWARN_MQTT_KEYSTORE_TYPE", "jks"));

        assertThat(config.tls()).isEqualTo(new MqttTls("/etc/forewarn/broker-ca.p12", "trust-secret", "PKCS12",
                "/etc/forewarn/ingest.jks", "key-secret", "JKS"));
        assertThat(config.toString()).contains("/etc/forewarn/broker-ca.p12").doesNotContain("trust-secret", "key-secret");
        assertThat(MqttSourceConfig.defaults().tls().isConfigured()).isFalse();
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> MqttSource.builder().setServerUri("localhost:1883").build()).hasMessageContaining("serverUri");
        assertThatThrownBy(() -> MqttSource.builder().setQos(3).build()).hasMessageContaining("qos");
        assertThatThrownBy(() -> MqttSource.builder().setSharedGroup("a/b").build()).hasMessageContaining("sharedGroup");
        assertThatThrownBy(() -> MqttSource.builder().setCredentials("user", null).build()).hasMessageContaining("password");
        assertThatThrownBy(() -> MqttSource.builder().setTopicFilters("$share/g/x").build()).hasMessageContaining("sharedGroup");
        assertThatThrownBy(() -> MqttSource.builder().setTruststore("/ca.p12", null, null).build())
                .hasMessageContaining("tcp://localhost:1883").hasMessageContaining("ssl://");
        assertThatThrownBy(() -> MqttSourceConfig.fromEnv(Map.of("FOREWARN_MQTT_TRUSTSTORE_PASSWORD", "secret")))
                .hasMessageContaining("truststorePassword");
    }
}
