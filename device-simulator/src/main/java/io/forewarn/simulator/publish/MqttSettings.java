package io.forewarn.simulator.publish;

import java.util.Objects;

/**
 * Where and how a publisher connects: the broker, the QoS of its publishes and optional credentials.
 *
 * @param serverUri e.g. {@code tcp://localhost:1883}
 * @param qos QoS of every publish (0 or 1; 2 is accepted but not tuned for)
 * @param username MQTT user name, or null for anonymous
 * @param password MQTT password, or null
 */
public record MqttSettings(String serverUri, int qos, String username, String password) {
    public MqttSettings {
        Objects.requireNonNull(serverUri, "serverUri");
        if (qos < 0 || qos > 2) throw new IllegalArgumentException("qos must be 0, 1 or 2, got " + qos);
    }

    @Override
    public String toString() {
        return "MqttSettings[serverUri=" + serverUri + ", qos=" + qos + ", username=" + username
                + ", password=" + (password == null ? null : "***") + "]";
    }
}
