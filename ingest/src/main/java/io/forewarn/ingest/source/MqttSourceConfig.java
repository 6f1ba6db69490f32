package io.forewarn.ingest.source;

import io.forewarn.contracts.config.EnvSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the {@link MqttSource}; built by {@link MqttSourceBuilder} or read from {@code FOREWARN_MQTT_*}
 * environment variables by {@link #fromEnv()}.
 *
 * @param serverUri broker URI, {@code tcp://host:port} (or {@code ssl://}, {@code ws://}, {@code wss://})
 * @param topicFilters MQTT topic filters to subscribe to
 * @param qos maximum QoS requested for the subscriptions (0, 1 or 2)
 * @param sharedGroup MQTT 5 shared-subscription group, so parallel readers split the messages; null subscribes plainly
 *     and every reader then receives every message
 * @param clientIdPrefix reader client ids are {@code prefix-<split index>}, stable across restarts so the broker
 *     session (and what it queued while the job was down) is resumed
 * @param username broker user name, or null
 * @param password broker password, or null
 * @param tls truststore and client keystore for {@code ssl://} and {@code wss://} URIs; {@link MqttTls#none()}
 *     (or null) trusts the JVM's default CAs
 * @param sessionExpiry how long the broker keeps the session (subscriptions and queued messages) after a disconnect
 * @param connectionTimeout how long to wait for a connection and a subscription acknowledgement
 * @param keepAlive MQTT keep-alive interval
 * @param reconnectMinDelay first delay of Paho's automatic reconnect; doubles up to {@code reconnectMaxDelay}
 * @param reconnectMaxDelay longest delay between reconnect attempts
 * @param receiveMaximum the MQTT 5 receive maximum each reader announces: how many unacknowledged QoS 1/2 messages
 *     the broker may have in flight to it. With {@link AckMode#ON_CHECKPOINT} a broker that honours it (HiveMQ,
 *     within its own inflight window of 50 unless raised) sends one reader at most this many messages per
 *     checkpoint interval. Mosquitto 2.0.11 honours it only until the first acknowledgement: after that each
 *     PUBACK lets in up to another receive maximum, so there it bounds the first burst, not the backlog of
 *     unacknowledged messages (see docs/ingest.md)
 * @param queueCapacity messages buffered between the MQTT client thread and Flink's reader thread
 * @param ackMode when messages are acknowledged to the broker
 */
public record MqttSourceConfig(
        String serverUri,
        List<String> topicFilters,
        int qos,
        String sharedGroup,
        String clientIdPrefix,
        String username,
        String password,
        MqttTls tls,
        Duration sessionExpiry,
        Duration connectionTimeout,
        Duration keepAlive,
        Duration reconnectMinDelay,
        Duration reconnectMaxDelay,
        int receiveMaximum,
        int queueCapacity,
        AckMode ackMode) implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_SERVER_URI = "tcp://localhost:1883";
    public static final String DEFAULT_TOPIC_FILTER = "devices/+/telemetry";
    public static final String DEFAULT_SHARED_GROUP = "forewarn-ingest";
    public static final String DEFAULT_CLIENT_ID_PREFIX = "forewarn-ingest";

    public MqttSourceConfig {
        Objects.requireNonNull(serverUri, "serverUri");
        if (!serverUri.matches("(tcp|ssl|ws|wss)://.+")) {
            throw new IllegalArgumentException("serverUri " + serverUri + ": expected tcp://, ssl://, ws:// or wss://host:port");
        }
        if (topicFilters == null || topicFilters.isEmpty()) {
            throw new IllegalArgumentException("topicFilters: at least one topic filter is required");
        }
        topicFilters = List.copyOf(topicFilters);
        for (String filter : topicFilters) {
            if (filter.isBlank() || filter.startsWith("$share/")) {
                throw new IllegalArgumentException("topic filter '" + filter + "': must be a plain filter; set sharedGroup for a shared subscription");
            }
        }
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos " + qos + ": must be 0, 1 or 2");
        }
        if (sharedGroup != null && (sharedGroup.isBlank() || sharedGroup.matches(".*[/+#].*"))) {
            throw new IllegalArgumentException("sharedGroup '" + sharedGroup + "': must be non-blank without '/', '+' or '#'");
        }
        if (clientIdPrefix == null || clientIdPrefix.isBlank()) {
            throw new IllegalArgumentException("clientIdPrefix: required");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("username and password: set both or neither");
        }
        if (tls == null) {
            tls = MqttTls.none();
        }
        if (tls.isConfigured() && !serverUri.matches("(ssl|wss)://.+")) {
            throw new IllegalArgumentException("serverUri " + serverUri + ": a truststore or keystore is set, so use ssl:// or wss://");
        }
        requireNonNegative("sessionExpiry", sessionExpiry);
        requirePositive("connectionTimeout", connectionTimeout);
        requirePositive("keepAlive", keepAlive);
        requirePositive("reconnectMinDelay", reconnectMinDelay);
        requirePositive("reconnectMaxDelay", reconnectMaxDelay);
        if (reconnectMaxDelay.compareTo(reconnectMinDelay) < 0) {
            throw new IllegalArgumentException("reconnectMaxDelay must not be shorter than reconnectMinDelay");
        }
        if (receiveMaximum < 1 || receiveMaximum > 65535) {
            throw new IllegalArgumentException("receiveMaximum " + receiveMaximum + ": must be 1..65535");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity " + queueCapacity + ": must be positive");
        }
        Objects.requireNonNull(ackMode, "ackMode");
    }

    /** Defaults: local broker, {@code devices/+/telemetry} at QoS 1 shared in group {@code forewarn-ingest}. */
    public static MqttSourceConfig defaults() {
        return new MqttSourceConfig(DEFAULT_SERVER_URI, List.of(DEFAULT_TOPIC_FILTER), 1, DEFAULT_SHARED_GROUP,
                DEFAULT_CLIENT_ID_PREFIX, null, null, MqttTls.none(), Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofSeconds(30), 65535, 1000, AckMode.ON_CHECKPOINT);
    }

    public static MqttSourceConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    /**
     * Reads the source settings; each unset variable keeps the {@link #defaults()} value.
     *
     * <table>
     * <tr><td>FOREWARN_MQTT_URI</td><td>tcp://localhost:1883</td></tr>
     * <tr><td>FOREWARN_MQTT_TOPIC_FILTERS</td><td>devices/+/telemetry (comma-separated)</td></tr>
     * <tr><td>FOREWARN_MQTT_QOS</td><td>1</td></tr>
     * <tr><td>FOREWARN_MQTT_SHARED_GROUP</td><td>forewarn-ingest; {@code none} for a plain subscription</td></tr>
     * <tr><td>FOREWARN_MQTT_CLIENT_ID_PREFIX</td><td>forewarn-ingest</td></tr>
     * <tr><td>FOREWARN_MQTT_USERNAME, FOREWARN_MQTT_PASSWORD</td><td>unset (anonymous)</td></tr>
     * <tr><td>FOREWARN_MQTT_TRUSTSTORE, FOREWARN_MQTT_TRUSTSTORE_PASSWORD, FOREWARN_MQTT_TRUSTSTORE_TYPE</td>
     *     <td>unset (the JVM's default CAs), unset, PKCS12</td></tr>
     * <tr><td>FOREWARN_MQTT_KEYSTORE, FOREWARN_MQTT_KEYSTORE_PASSWORD, FOREWARN_MQTT_KEYSTORE_TYPE</td>
     *     <td>unset (no client certificate), unset, PKCS12</td></tr>
     * <tr><td>FOREWARN_MQTT_SESSION_EXPIRY</td><td>PT1H</td></tr>
     * <tr><td>FOREWARN_MQTT_CONNECTION_TIMEOUT</td><td>PT10S</td></tr>
     * <tr><td>FOREWARN_MQTT_KEEP_ALIVE</td><td>PT30S</td></tr>
     * <tr><td>FOREWARN_MQTT_RECONNECT_MIN_DELAY, FOREWARN_MQTT_RECONNECT_MAX_DELAY</td><td>PT1S, PT30S</td></tr>
     * <tr><td>FOREWARN_MQTT_RECEIVE_MAXIMUM</td><td>65535</td></tr>
     * <tr><td>FOREWARN_MQTT_QUEUE_CAPACITY</td><td>1000</td></tr>
     * <tr><td>FOREWARN_MQTT_ACK_MODE</td><td>ON_CHECKPOINT (or ON_RECEIPT for jobs without checkpointing)</td></tr>
     * </table>
     */
    public static MqttSourceConfig fromEnv(Map<String, String> environment) {
        EnvSettings env = new EnvSettings(environment);
        MqttSourceConfig d = defaults();
        String group = env.string("FOREWARN_MQTT_SHARED_GROUP", d.sharedGroup());
        return new MqttSourceConfig(
                env.string("FOREWARN_MQTT_URI", d.serverUri()),
                Arrays.stream(env.string("FOREWARN_MQTT_TOPIC_FILTERS", DEFAULT_TOPIC_FILTER).split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).toList(),
                env.integer("FOREWARN_MQTT_QOS", d.qos()),
                group.equalsIgnoreCase("none") ? null : group,
                env.string("FOREWARN_MQTT_CLIENT_ID_PREFIX", d.clientIdPrefix()),
                env.string("FOREWARN_MQTT_USERNAME", null),
                env.string("FOREWARN_MQTT_PASSWORD", null),
                new MqttTls(
                        env.string("FOREWARN_MQTT_TRUSTSTORE", null),
                        env.string("FOREWARN_MQTT_TRUSTSTORE_PASSWORD", null),
                        env.string("FOREWARN_MQTT_TRUSTSTORE_TYPE", MqttTls.DEFAULT_STORE_TYPE),
                        env.string("FOREWARN_MQTT_KEYSTORE", null),
                        env.string("FOREWARN_MQTT_KEYSTORE_PASSWORD", null),
                        env.string("FOREWARN_MQTT_KEYSTORE_TYPE", MqttTls.DEFAULT_STORE_TYPE)),
                env.duration("FOREWARN_MQTT_SESSION_EXPIRY", d.sessionExpiry()),
                env.duration("FOREWARN_MQTT_CONNECTION_TIMEOUT", d.connectionTimeout()),
                env.duration("FOREWARN_MQTT_KEEP_ALIVE", d.keepAlive()),
                env.duration("FOREWARN_MQTT_RECONNECT_MIN_DELAY", d.reconnectMinDelay()),
                env.duration("FOREWARN_MQTT_RECONNECT_MAX_DELAY", d.reconnectMaxDelay()),
                env.integer("FOREWARN_MQTT_RECEIVE_MAXIMUM", d.receiveMaximum()),
                env.integer("FOREWARN_MQTT_QUEUE_CAPACITY", d.queueCapacity()),
                env.enumValue("FOREWARN_MQTT_ACK_MODE", AckMode.class, d.ackMode()));
    }

    /** The filters as subscribed: {@code $share/<group>/<filter>} when a shared group is set. */
    public List<String> subscribedFilters() {
        return sharedGroup == null
                ? topicFilters
                : topicFilters.stream().map(f -> "$share/" + sharedGroup + "/" + f).toList();
    }

    public String clientIdFor(int splitIndex) {
        return clientIdPrefix + "-" + splitIndex;
    }

    @Override
    public String toString() {
        // Never print the password: this record ends up in logs and in the job graph's description.
        return "MqttSourceConfig[serverUri=" + serverUri + ", topicFilters=" + topicFilters + ", qos=" + qos
                + ", sharedGroup=" + sharedGroup + ", clientIdPrefix=" + clientIdPrefix + ", username=" + username
                + ", password=" + (password == null ? null : "***") + (tls.isConfigured() ? ", tls=" + tls : "")
                + ", sessionExpiry=" + sessionExpiry
                + ", connectionTimeout=" + connectionTimeout + ", keepAlive=" + keepAlive
                + ", reconnectDelay=" + reconnectMinDelay + ".." + reconnectMaxDelay + ", receiveMaximum=" + receiveMaximum
                + ", queueCapacity=" + queueCapacity + ", ackMode=" + ackMode + "]";
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " " + value + ": must be positive");
        }
    }

    private static void requireNonNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " " + value + ": must not be negative");
        }
    }
}
