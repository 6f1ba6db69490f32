package io.forewarn.alerts.notifications.channels;

import io.forewarn.alerts.notifications.Notice;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The notice on the product's own display: JSON on {@code devices/{deviceId}/notices}, the format the device side
 * (and the simulator's {@code DeviceNotice}) reads: {@code title}, {@code body}, {@code language}, plus
 * {@code noticeId}, {@code ticketId}, {@code kind} and {@code issuedAt}, which devices may ignore.
 * A publish nobody subscribes to is retried: the product is offline and would never see it.
 */
public final class DeviceNoticeChannel implements Channel {
    private final MqttLink mqtt;
    private final Clock clock;

    public DeviceNoticeChannel(MqttLink mqtt, Clock clock) {
        this.mqtt = mqtt;
        this.clock = clock;
    }

    public static String topicFor(String deviceId) {
        return "devices/" + deviceId + "/notices";
    }

    @Override
    public String unreachable(Notice notice) {
        return null;
    }

    @Override
    public Future<SendResult> send(Notice notice) {
        byte[] payload = payload(notice).encode().getBytes(StandardCharsets.UTF_8);
        return mqtt.publish(topicFor(notice.deviceId()), payload)
                .<SendResult>map(published -> published.subscribed()
                        ? new SendResult.Sent(false)
                        : new SendResult.Retry("no device listens on " + topicFor(notice.deviceId()) + " (offline?)"))
                .otherwise(failure -> new SendResult.Retry("MQTT: " + failure.getMessage()));
    }

    JsonObject payload(Notice notice) {
        return new JsonObject()
                .put("title", notice.title())
                .put("body", notice.body())
                .put("language", notice.language())
                .put("noticeId", notice.reminderId())
                .put("ticketId", notice.ticketId())
                .put("kind", notice.kind().name())
                .put("issuedAt", clock.instant().toString());
    }

    @Override
    public Future<Void> close() {
        return Future.succeededFuture();
    }
}
