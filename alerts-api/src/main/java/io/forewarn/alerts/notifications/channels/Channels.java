package io.forewarn.alerts.notifications.channels;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The channels a customer may choose ({@link #NAMES}) and the transport configured for each: EMAIL by SMTP, SMS
 * and APP_PUSH by the webhook gateway, DEVICE by MQTT. A name without a transport is a channel this API cannot
 * serve: its deliveries fail with {@link SendResult#CHANNEL_NOT_CONFIGURED}.
 */
public final class Channels {
    public static final String EMAIL = "EMAIL";
    public static final String SMS = "SMS";
    public static final String APP_PUSH = "APP_PUSH";
    public static final String DEVICE = "DEVICE";
    /** Every channel a customer may choose, as in the reminder contract. */
    public static final Set<String> NAMES = Set.of(EMAIL, SMS, APP_PUSH, DEVICE);

    private final Map<String, Channel> byName = new LinkedHashMap<>();

    /** Each argument may be null (that transport is not configured). */
    public Channels(Channel email, Channel webhook, Channel device) {
        put(EMAIL, email);
        put(SMS, webhook);
        put(APP_PUSH, webhook);
        put(DEVICE, device);
    }

    private void put(String name, Channel channel) {
        if (channel != null) {
            byName.put(name, channel);
        }
    }

    /** The transport of {@code name}, or null when none is configured or the name is unknown. */
    public Channel forName(String name) {
        return byName.get(name);
    }

    /** Why a delivery on {@code name} cannot be attempted at all, for its failure record. */
    public static String notConfigured(String name) {
        if (!NAMES.contains(name)) {
            return "unknown channel '" + name + "' (known: EMAIL, SMS, APP_PUSH, DEVICE)";
        }
        return switch (name) {
            case EMAIL -> "e-mail is not configured (FOREWARN_NOTIFY_SMTP_HOST)";
            case DEVICE -> "device notices are not configured (FOREWARN_NOTIFY_MQTT_URI)";
            default -> name + " needs the webhook gateway, which is not configured (FOREWARN_NOTIFY_WEBHOOK_URL)";
        };
    }

    public Future<Void> close() {
        List<Future<Void>> closing = new ArrayList<>();
        byName.values().stream().distinct().forEach(channel -> closing.add(channel.close()));
        return Future.join(closing).mapEmpty();
    }
}
