package io.forewarn.ingest.source;

import java.time.Duration;
import java.util.List;

/** Builds an {@link MqttSource}; starts from {@link MqttSourceConfig#defaults()} or from a given config. */
public final class MqttSourceBuilder {
    private String serverUri;
    private List<String> topicFilters;
    private int qos;
    private String sharedGroup;
    private String clientIdPrefix;
    private String username;
    private String password;
    private MqttTls tls;
    private Duration sessionExpiry;
    private Duration connectionTimeout;
    private Duration keepAlive;
    private Duration reconnectMinDelay;
    private Duration reconnectMaxDelay;
    private int receiveMaximum;
    private int queueCapacity;
    private AckMode ackMode;

    MqttSourceBuilder() {
        setConfig(MqttSourceConfig.defaults());
    }

    /** Takes every setting from {@code config}, e.g. {@link MqttSourceConfig#fromEnv()}; later setters override. */
    public MqttSourceBuilder setConfig(MqttSourceConfig config) {
        serverUri = config.serverUri();
        topicFilters = config.topicFilters();
        qos = config.qos();
        sharedGroup = config.sharedGroup();
        clientIdPrefix = config.clientIdPrefix();
        username = config.username();
        password = config.password();
        tls = config.tls();
        sessionExpiry = config.sessionExpiry();
        connectionTimeout = config.connectionTimeout();
        keepAlive = config.keepAlive();
        reconnectMinDelay = config.reconnectMinDelay();
        reconnectMaxDelay = config.reconnectMaxDelay();
        receiveMaximum = config.receiveMaximum();
        queueCapacity = config.queueCapacity();
        ackMode = config.ackMode();
        return this;
    }

    public MqttSourceBuilder setServerUri(String serverUri) {
        this.serverUri = serverUri;
        return this;
    }

    public MqttSourceBuilder setTopicFilters(String... topicFilters) {
        this.topicFilters = List.of(topicFilters);
        return this;
    }

    public MqttSourceBuilder setQos(int qos) {
        this.qos = qos;
        return this;
    }

    /** Subscribe as {@code $share/<group>/<filter>} so parallel readers split the messages; null for a plain subscription. */
    public MqttSourceBuilder setSharedGroup(String sharedGroup) {
        this.sharedGroup = sharedGroup;
        return this;
    }

    public MqttSourceBuilder setClientIdPrefix(String clientIdPrefix) {
        this.clientIdPrefix = clientIdPrefix;
        return this;
    }

    public MqttSourceBuilder setCredentials(String username, String password) {
        this.username = username;
        this.password = password;
        return this;
    }

    /**
     * Trusts the broker certificates in this truststore ({@code PKCS12} or {@code JKS}) instead of the JVM's
     * default CAs; needs an {@code ssl://} or {@code wss://} server URI.
     */
    public MqttSourceBuilder setTruststore(String path, String password, String type) {
        this.tls = tls.withTruststore(path, password, type);
        return this;
    }

    /** Presents the client certificate in this keystore, for brokers that require mutual TLS. */
    public MqttSourceBuilder setKeystore(String path, String password, String type) {
        this.tls = tls.withKeystore(path, password, type);
        return this;
    }

    /** How long the broker keeps the session and queues messages for a reader that is down. */
    public MqttSourceBuilder setSessionExpiry(Duration sessionExpiry) {
        this.sessionExpiry = sessionExpiry;
        return this;
    }

    public MqttSourceBuilder setConnectionTimeout(Duration connectionTimeout) {
        this.connectionTimeout = connectionTimeout;
        return this;
    }

    public MqttSourceBuilder setKeepAlive(Duration keepAlive) {
        this.keepAlive = keepAlive;
        return this;
    }

    public MqttSourceBuilder setReconnectDelay(Duration min, Duration max) {
        this.reconnectMinDelay = min;
        this.reconnectMaxDelay = max;
        return this;
    }

    public MqttSourceBuilder setReceiveMaximum(int receiveMaximum) {
        this.receiveMaximum = receiveMaximum;
        return this;
    }

    public MqttSourceBuilder setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
        return this;
    }

    public MqttSourceBuilder setAckMode(AckMode ackMode) {
        this.ackMode = ackMode;
        return this;
    }

    /** Validates the settings; throws {@link IllegalArgumentException} naming the bad one. */
    public MqttSource build() {
        return new MqttSource(new MqttSourceConfig(serverUri, topicFilters, qos, sharedGroup, clientIdPrefix, username,
                password, tls, sessionExpiry, connectionTimeout, keepAlive, reconnectMinDelay, reconnectMaxDelay,
                receiveMaximum, queueCapacity, ackMode));
    }
}
