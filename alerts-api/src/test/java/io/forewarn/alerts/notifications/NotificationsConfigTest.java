package io.forewarn.alerts.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationsConfigTest {

    @Test
    void withoutAnyChannelNotificationsAreOffWithDocumentedDefaults() {
        NotificationsConfig config = NotificationsConfig.fromEnv(Map.of());
        assertThat(config.enabled()).isFalse();
        assertThat(config.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.maxAttempts()).isEqualTo(6);
        assertThat(config.retryBase()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.retryMax()).isEqualTo(Duration.ofHours(1));
        assertThat(config.publicUrl()).isEqualTo("http://localhost:8080");
    }

    @Test
    void eachChannelIsOnWhenItsServerIsSet() {
        NotificationsConfig config = NotificationsConfig.fromEnv(Map.of(
                "FOREWARN_NOTIFY_SMTP_HOST", "mail.example",
                "FOREWARN_NOTIFY_SMTP_STARTTLS", "optional",
                "FOREWARN_NOTIFY_SMTP_USERNAME", "forewarn",
                "FOREWARN_NOTIFY_SMTP_PASSWORD", "mail-secret",
                "FOREWARN_NOTIFY_MQTT_URI", "tcp://broker:1883",
                "FOREWARN_NOTIFY_MQTT_CLIENT_ID", "api-1",
                "FOREWARN_NOTIFY_MAX_ATTEMPTS", "3",
                "FOREWARN_PUBLIC_URL", "https://service.example/"));
        assertThat(config.enabled()).isTrue();
        assertThat(config.smtp().host()).isEqualTo("mail.example");
        assertThat(config.smtp().port()).isEqualTo(587);
        assertThat(config.smtp().startTls()).isEqualTo(NotificationsConfig.StartTls.OPTIONAL);
        assertThat(config.webhook()).isNull();
        assertThat(config.mqtt().clientId()).isEqualTo("api-1");
        assertThat(config.maxAttempts()).isEqualTo(3);
        assertThat(config.publicUrl()).isEqualTo("https://service.example");
        assertThat(config.toString()).doesNotContain("mail-secret");
    }

    @Test
    void aWebhookNeedsALongEnoughSecret() {
        assertThatThrownBy(() -> NotificationsConfig.fromEnv(Map.of("FOREWARN_NOTIFY_WEBHOOK_URL", "https://gw.example/sms")))
                .hasMessageContaining("FOREWARN_NOTIFY_WEBHOOK_SECRET");
        assertThatThrownBy(() -> NotificationsConfig.fromEnv(Map.of(
                "FOREWARN_NOTIFY_WEBHOOK_URL", "ftp://gw.example/sms",
                "FOREWARN_NOTIFY_WEBHOOK_SECRET", "x".repeat(40))))
                .hasMessageContaining("http(s)");
        NotificationsConfig config = NotificationsConfig.fromEnv(Map.of(
                "FOREWARN_NOTIFY_WEBHOOK_URL", "https://gw.example/sms",
                "FOREWARN_NOTIFY_WEBHOOK_SECRET", "x".repeat(40)));
        assertThat(config.webhook().timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.toString()).doesNotContain("xxxx");
    }

    @Test
    void malformedValuesNameTheirVariable() {
        assertThatThrownBy(() -> NotificationsConfig.fromEnv(Map.of("FOREWARN_NOTIFY_INTERVAL", "5s")))
                .hasMessageContaining("FOREWARN_NOTIFY_INTERVAL");
        assertThatThrownBy(() -> NotificationsConfig.fromEnv(Map.of("FOREWARN_NOTIFY_MAX_ATTEMPTS", "many")))
                .hasMessageContaining("FOREWARN_NOTIFY_MAX_ATTEMPTS");
        assertThatThrownBy(() -> NotificationsConfig.fromEnv(Map.of(
                "FOREWARN_NOTIFY_SMTP_HOST", "mail.example", "FOREWARN_NOTIFY_SMTP_STARTTLS", "sometimes")))
                .hasMessageContaining("FOREWARN_NOTIFY_SMTP_STARTTLS");
        assertThatThrownBy(() -> NotificationsConfig.fromEnv(Map.of(
                "FOREWARN_NOTIFY_RETRY_BASE", "PT2H", "FOREWARN_NOTIFY_RETRY_MAX", "PT1H")))
                .hasMessageContaining("below the base");
    }
}
