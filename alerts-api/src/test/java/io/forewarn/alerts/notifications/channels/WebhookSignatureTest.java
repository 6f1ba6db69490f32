package io.forewarn.alerts.notifications.channels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final String SECRET = "gateway-secret-of-at-least-32-characters!";

    @Test
    void signsTheDocumentedTestVector() {
        // The vector in docs/notifications.md, so gateway implementers can check their verification against it.
        assertThat(new WebhookSignature(SECRET).sign(1767225600L, "{\"deliveryId\":1}"))
                .isEqualTo("sha256=0de70c80cf37c0d831434c3e3bb8b9b6adc5838298c1daf28d4d493f77099418");
    }

    @Test
    void verificationFailsForAnotherBodyTimestampOrSecret() {
        WebhookSignature signature = new WebhookSignature(SECRET);
        String signed = signature.sign(1767225600L, "{\"deliveryId\":1}");
        assertThat(signature.verify("1767225600", "{\"deliveryId\":1}", signed)).isTrue();
        assertThat(signature.verify("1767225600", "{\"deliveryId\":2}", signed)).isFalse();
        assertThat(signature.verify("1767225601", "{\"deliveryId\":1}", signed)).isFalse();
        assertThat(signature.verify("not-a-number", "{\"deliveryId\":1}", signed)).isFalse();
        assertThat(new WebhookSignature(SECRET + "x").verify("1767225600", "{\"deliveryId\":1}", signed)).isFalse();
        assertThat(signature.verify("1767225600", "{\"deliveryId\":1}", null)).isFalse();
    }
}
