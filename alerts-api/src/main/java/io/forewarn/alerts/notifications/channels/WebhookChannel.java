package io.forewarn.alerts.notifications.channels;

import io.forewarn.alerts.notifications.Notice;
import io.forewarn.alerts.notifications.NotificationsConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * SMS and app push through a gateway: each notice is one signed JSON POST to the configured URL. 2xx is sent
 * (delivered when the gateway answers {@code {"status":"DELIVERED"}}); 5xx, 408, 429 and network failures are
 * retried; any other 4xx means the gateway will never take this notice, so it fails.
 */
public final class WebhookChannel implements Channel {
    private static final int MAX_ERROR_BODY = 200;

    private final HttpClient http;
    private final NotificationsConfig.Webhook webhook;
    private final WebhookSignature signature;
    private final Clock clock;

    public WebhookChannel(Vertx vertx, NotificationsConfig.Webhook webhook, Clock clock) {
        this.http = vertx.createHttpClient();
        this.webhook = webhook;
        this.signature = new WebhookSignature(webhook.secret());
        this.clock = clock;
    }

    @Override
    public String unreachable(Notice notice) {
        String phone = notice.recipient().phone();
        return "SMS".equals(notice.channel()) && (phone == null || phone.isBlank())
                ? "customer " + notice.recipient().customerId() + " has no phone number" : null;
    }

    @Override
    public Future<SendResult> send(Notice notice) {
        String body = payload(notice).encode();
        long timestamp = clock.instant().getEpochSecond();
        long timeoutMs = webhook.timeout().toMillis();
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(webhook.url().toString())
                .setConnectTimeout(timeoutMs)
                .setIdleTimeout(timeoutMs)
                .putHeader("Content-Type", "application/json")
                .putHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .putHeader(WebhookSignature.SIGNATURE_HEADER, signature.sign(timestamp, body))
                .putHeader(WebhookSignature.DELIVERY_HEADER, Long.toString(notice.deliveryId()));
        return http.request(request)
                .compose(call -> call.send(body))
                .compose(response -> response.body().map(answer -> classify(response, answer)))
                .timeout(timeoutMs, TimeUnit.MILLISECONDS)
                .otherwise(failure -> new SendResult.Retry("webhook: " + failure));
    }

    /** The JSON a gateway receives; documented in docs/notifications.md. */
    static JsonObject payload(Notice notice) {
        JsonArray sections = new JsonArray();
        notice.sections().forEach(s -> sections.add(new JsonObject().put("heading", s.heading()).put("text", s.text())));
        return new JsonObject()
                .put("deliveryId", notice.deliveryId())
                .put("reminderId", notice.reminderId())
                .put("kind", notice.kind().name())
                .put("channel", notice.channel())
                .put("customerId", notice.recipient().customerId())
                .put("phone", notice.recipient().phone())
                .put("deviceId", notice.deviceId())
                .put("ticketId", notice.ticketId())
                .put("language", notice.language())
                .put("title", notice.title())
                .put("text", notice.plainText())
                .put("sections", sections)
                .put("link", notice.link());
    }

    private static SendResult classify(HttpClientResponse response, Buffer answer) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new SendResult.Sent(confirmsDelivery(answer));
        }
        String error = "webhook answered HTTP " + status + excerpt(answer);
        if (status >= 500 || status == 408 || status == 429) {
            return new SendResult.Retry(error, retryAfter(response.getHeader("Retry-After")));
        }
        return new SendResult.Failed(SendResult.REJECTED, error);
    }

    private static boolean confirmsDelivery(Buffer answer) {
        try {
            return answer.length() > 0 && "DELIVERED".equals(new JsonObject(answer).getString("status"));
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    // Only the delay-seconds form; an HTTP date is rare from gateways and the backoff covers it.
    private static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String excerpt(Buffer answer) {
        String text = answer.toString().strip();
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > MAX_ERROR_BODY ? text.substring(0, MAX_ERROR_BODY) + "…" : text);
    }

    @Override
    public Future<Void> close() {
        return http.close();
    }
}
