package io.forewarn.alerts.notifications;

import io.forewarn.contracts.config.EnvSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Settings of customer notifications, read from {@code FOREWARN_NOTIFY_*} environment variables (and
 * {@code FOREWARN_PUBLIC_URL}). Each channel is optional: it is on when its server is set. The outbox worker runs
 * when at least one channel is on.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>FOREWARN_NOTIFY_SMTP_HOST</td><td>none (e-mail off)</td><td>SMTP server for e-mail notices</td></tr>
 *   <tr><td>FOREWARN_NOTIFY_SMTP_PORT</td><td>587</td><td>its port</td></tr>
 *   <tr><td>FOREWARN_NOTIFY_SMTP_USERNAME, FOREWARN_NOTIFY_SMTP_PASSWORD</td><td>none</td><td>SMTP login</td></tr>
 *   <tr><td>FOREWARN_NOTIFY_SMTP_FROM</td><td>forewarn@localhost</td><td>sender address</td></tr>
 *   <tr><td>FOREWARN_NOTIFY_SMTP_STARTTLS</td><td>REQUIRED</td><td>REQUIRED, OPTIONAL or DISABLED</td></tr>
 *   <tr><td>FOREWARN_NOTIFY_WEBHOOK_URL</td><td>none (SMS and app push off)</td><td>gateway for SMS and app push</td></tr>
 *   <tr><td>FOREWARN_NOTIFY_WEBHOOK_SECRET</td><td>none; required with the URL</td><td>HMAC-SHA256 key, 32+ characters</td></tr>
 *   <tr><td>FOREWARN_NOTIFY_WEBHOOK_TIMEOUT</td><td>PT10S</td><td>a slower answer counts as a failed attempt</td></tr>
 *   <tr><td>FOREWARN_NOTIFY_MQTT_URI</td><td>none (device notices off)</td><td>broker for device notices and service visits</td></tr>
 *   <tr><td>FOREWARN_NOTIFY_MQTT_USERNAME, FOREWARN_NOTIFY_MQTT_PASSWORD</td><td>none</td><td>broker login</td></tr>
 *   <tr><td>FOREWARN_NOTIFY_MQTT_CLIENT_ID</td><td>forewarn-notices-(random)</td><td>MQTT client id</td></tr>
 *   <tr><td>FOREWARN_NOTIFY_INTERVAL</td><td>PT5S</td><td>how often the worker looks for due deliveries</td></tr>
 *   <tr><td>FOREWARN_NOTIFY_BATCH_SIZE</td><td>20</td><td>deliveries a worker claims at a time</td></tr>
 *   <tr><td>FOREWARN_NOTIFY_MAX_ATTEMPTS</td><td>6</td><td>attempts before a delivery is FAILED</td></tr>
 *   <tr><td>FOREWARN_NOTIFY_RETRY_BASE, FOREWARN_NOTIFY_RETRY_MAX</td><td>PT30S, PT1H</td><td>backoff of retries</td></tr>
 *   <tr><td>FOREWARN_PUBLIC_URL</td><td>http://localhost:8080</td><td>where customers reach the web app (links)</td></tr>
 * </table>
 *
 * @param smtp null when e-mail is off
 * @param webhook null when SMS and app push are off
 * @param mqtt null when device notices (and service-visit messages) are off
 * @param publicUrl base of links in notices, without a trailing slash
 */
public record NotificationsConfig(
        Smtp smtp,
        Webhook webhook,
        Mqtt mqtt,
        Duration interval,
        int batchSize,
        int maxAttempts,
        Duration retryBase,
        Duration retryMax,
        String publicUrl) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    public static final int DEFAULT_BATCH_SIZE = 20;
    public static final int DEFAULT_MAX_ATTEMPTS = 6;
    public static final Duration DEFAULT_RETRY_BASE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RETRY_MAX = Duration.ofHours(1);
    public static final String DEFAULT_PUBLIC_URL = "http://localhost:8080";
    /** HMAC-SHA256 wants a key at least as long as its output. */
    public static final int MIN_WEBHOOK_SECRET_LENGTH = 32;

    /** How e-mail is sent. */
    public enum StartTls { REQUIRED, OPTIONAL, DISABLED }

    /** @param username null for a server without login */
    public record Smtp(String host, int port, String username, String password, String from, StartTls startTls) {
        public Smtp {
            requireText(host, "SMTP host");
            requirePort(port);
            requireText(from, "SMTP sender");
            if (startTls == null) {
                throw new IllegalArgumentException("SMTP STARTTLS mode is required");
            }
        }

        @Override
        public String toString() {
            return "Smtp[" + host + ":" + port + ", user=" + username + ", password=" + (password == null ? "(none)" : "(set)")
                    + ", from=" + from + ", starttls=" + startTls + "]";
        }
    }

    /** The gateway that turns a signed POST into an SMS or an app push. */
    public record Webhook(URI url, String secret, Duration timeout) {
        public Webhook {
            if (url == null || url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw new IllegalArgumentException("webhook URL must be an absolute http(s) URL, was " + url);
            }
            if (secret == null || secret.length() < MIN_WEBHOOK_SECRET_LENGTH) {
                throw new IllegalArgumentException("webhook secret must have at least " + MIN_WEBHOOK_SECRET_LENGTH + " characters");
            }
            requirePositive(timeout, "webhook timeout");
        }

        @Override
        public String toString() {
            return "Webhook[" + url + ", secret=(set), timeout=" + timeout + "]";
        }
    }

    /** The broker the products listen on. */
    public record Mqtt(String serverUri, String username, String password, String clientId) {
        public Mqtt {
            requireText(serverUri, "MQTT broker URI");
            requireText(clientId, "MQTT client id");
        }

        @Override
        public String toString() {
            return "Mqtt[" + serverUri + ", user=" + username + ", password=" + (password == null ? "(none)" : "(set)")
                    + ", clientId=" + clientId + "]";
        }
    }

    public NotificationsConfig {
        requirePositive(interval, "worker interval");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, was " + maxAttempts);
        }
        requirePositive(retryBase, "retry base delay");
        requirePositive(retryMax, "retry max delay");
        if (retryMax.compareTo(retryBase) < 0) {
            throw new IllegalArgumentException("retry max delay " + retryMax + " is below the base delay " + retryBase);
        }
        requireText(publicUrl, "public URL");
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** No channel, default worker settings: notifications off. */
    public static NotificationsConfig off() {
        return new NotificationsConfig(null, null, null, DEFAULT_INTERVAL, DEFAULT_BATCH_SIZE, DEFAULT_MAX_ATTEMPTS,
                DEFAULT_RETRY_BASE, DEFAULT_RETRY_MAX, DEFAULT_PUBLIC_URL);
    }

    public static NotificationsConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    /** Reads the variables from {@code env}; a malformed value is an error naming the variable. */
    public static NotificationsConfig fromEnv(Map<String, String> env) {
        EnvSettings e = new EnvSettings(env);
        Smtp smtp = null;
        String smtpHost = e.string("FOREWARN_NOTIFY_SMTP_HOST", null);
        if (smtpHost != null) {
            smtp = new Smtp(smtpHost, e.integer("FOREWARN_NOTIFY_SMTP_PORT", 587),
                    e.string("FOREWARN_NOTIFY_SMTP_USERNAME", null), e.string("FOREWARN_NOTIFY_SMTP_PASSWORD", null),
                    e.string("FOREWARN_NOTIFY_SMTP_FROM", "forewarn@localhost"),
                    e.enumValue("FOREWARN_NOTIFY_SMTP_STARTTLS", StartTls.class, StartTls.REQUIRED));
        }
        Webhook webhook = null;
        String webhookUrl = e.string("FOREWARN_NOTIFY_WEBHOOK_URL", null);
        if (webhookUrl != null) {
            String secret = e.string("FOREWARN_NOTIFY_WEBHOOK_SECRET", null);
            if (secret == null || secret.length() < MIN_WEBHOOK_SECRET_LENGTH) {
                throw new IllegalArgumentException("FOREWARN_NOTIFY_WEBHOOK_SECRET must be set, with at least "
                        + MIN_WEBHOOK_SECRET_LENGTH + " characters, when FOREWARN_NOTIFY_WEBHOOK_URL is");
            }
            webhook = new Webhook(uri("FOREWARN_NOTIFY_WEBHOOK_URL", webhookUrl), secret,
                    e.duration("FOREWARN_NOTIFY_WEBHOOK_TIMEOUT", Duration.ofSeconds(10)));
        }
        Mqtt mqtt = null;
        String mqttUri = e.string("FOREWARN_NOTIFY_MQTT_URI", null);
        if (mqttUri != null) {
            mqtt = new Mqtt(mqttUri, e.string("FOREWARN_NOTIFY_MQTT_USERNAME", null), e.string("FOREWARN_NOTIFY_MQTT_PASSWORD", null),
                    // Unique by default, so two API instances on one broker do not take over each other's session.
                    e.string("FOREWARN_NOTIFY_MQTT_CLIENT_ID", "forewarn-notices-" + UUID.randomUUID().toString().substring(0, 8)));
        }
        return new NotificationsConfig(smtp, webhook, mqtt,
                e.duration("FOREWARN_NOTIFY_INTERVAL", DEFAULT_INTERVAL),
                e.integer("FOREWARN_NOTIFY_BATCH_SIZE", DEFAULT_BATCH_SIZE),
                e.integer("FOREWARN_NOTIFY_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS),
                e.duration("FOREWARN_NOTIFY_RETRY_BASE", DEFAULT_RETRY_BASE),
                e.duration("FOREWARN_NOTIFY_RETRY_MAX", DEFAULT_RETRY_MAX),
                e.string("FOREWARN_PUBLIC_URL", DEFAULT_PUBLIC_URL));
    }

    /** True when at least one channel can send, which is when the outbox worker runs. */
    public boolean enabled() {
        return smtp != null || webhook != null || mqtt != null;
    }

    public NotificationsConfig withSmtp(Smtp value) {
        return new NotificationsConfig(value, webhook, mqtt, interval, batchSize, maxAttempts, retryBase, retryMax, publicUrl);
    }

    public NotificationsConfig withWebhook(Webhook value) {
        return new NotificationsConfig(smtp, value, mqtt, interval, batchSize, maxAttempts, retryBase, retryMax, publicUrl);
    }

    public NotificationsConfig withMqtt(Mqtt value) {
        return new NotificationsConfig(smtp, webhook, value, interval, batchSize, maxAttempts, retryBase, retryMax, publicUrl);
    }

    public NotificationsConfig withRetries(int attempts, Duration base, Duration max) {
        return new NotificationsConfig(smtp, webhook, mqtt, interval, batchSize, attempts, base, max, publicUrl);
    }

    public NotificationsConfig withInterval(Duration value) {
        return new NotificationsConfig(smtp, webhook, mqtt, value, batchSize, maxAttempts, retryBase, retryMax, publicUrl);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    private static void requirePort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
    }

    private static void requirePositive(Duration value, String what) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
    }

    /** The one URL-valued variable of the project, so it is parsed here rather than in EnvSettings. */
    private static URI uri(String name, String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException ex) {
            throw new IllegalArgumentException(name + " is not a URL: '" + value + "'", ex);
        }
    }

    @Override
    public String toString() {
        return "NotificationsConfig[smtp=" + smtp + ", webhook=" + webhook + ", mqtt=" + mqtt + ", interval=" + interval
                + ", batchSize=" + batchSize + ", maxAttempts=" + maxAttempts + ", retryBase=" + retryBase
                + ", retryMax=" + retryMax + ", publicUrl=" + publicUrl + "]";
    }
}
