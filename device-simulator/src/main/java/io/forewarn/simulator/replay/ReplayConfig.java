package io.forewarn.simulator.replay;

import io.forewarn.contracts.config.EnvSettings;
import io.forewarn.simulator.publish.MqttSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a replay needs besides the file's contents. {@link #fromEnv} reads the {@code FOREWARN_*} variables
 * listed in device-simulator/README.md ("Replay"); the command's flags override them.
 *
 * @param file the telemetry CSV
 * @param mapping which columns carry what
 * @param speedUp data seconds per wall second; {@link Double#POSITIVE_INFINITY}: as fast as flow control allows
 * @param mqtt broker, QoS and credentials
 * @param connections MQTT connections the devices are spread over (a device always uses the same one)
 * @param clientIdPrefix connection {@code i} uses client id {@code clientIdPrefix-i}
 * @param maxRate cap on publishes per wall second; 0 = no cap
 * @param eventsFile failures and maintenance of the dataset, or null
 * @param truthFile where the events become ground truth, or null (set exactly when {@code eventsFile} is)
 * @param skipBadRows skip and count malformed rows instead of stopping at the first
 */
public record ReplayConfig(
        Path file,
        ColumnMapping mapping,
        double speedUp,
        MqttSettings mqtt,
        int connections,
        String clientIdPrefix,
        double maxRate,
        Path eventsFile,
        Path truthFile,
        boolean skipBadRows) {

    public static final double DEFAULT_SPEED_UP = 3600;
    public static final int DEFAULT_QOS = 1;
    public static final int DEFAULT_CONNECTIONS = 1;
    public static final String DEFAULT_CLIENT_ID_PREFIX = "forewarn-replay";
    public static final String DEFAULT_SERVER_URI = "tcp://localhost:1883";

    /** Every environment variable {@link #fromEnv} reads, in the order of the README's table. */
    public static final List<String> ENVIRONMENT = List.of(
            "FOREWARN_REPLAY_SPEED",
            "FOREWARN_REPLAY_QOS",
            "FOREWARN_REPLAY_CONNECTIONS",
            "FOREWARN_MQTT_URI",
            "FOREWARN_MQTT_USERNAME",
            "FOREWARN_MQTT_PASSWORD");

    public ReplayConfig {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(mqtt, "mqtt");
        require(speedUp > 0, "speed-up must be a positive number or max, got " + speedUp);
        require(mqtt.serverUri().matches("(tcp|ssl|ws|wss)://[^\\s]+"), "broker must look like tcp://host:port (or ssl://, ws://, wss://), got '" + mqtt.serverUri() + "'");
        require(mqtt.qos() <= 1, "qos must be 0 or 1, got " + mqtt.qos());
        require(connections >= 1 && connections <= 64, "connections must be between 1 and 64, got " + connections);
        require(maxRate >= 0 && Double.isFinite(maxRate), "rate must be 0 (no cap) or a positive number, got " + maxRate);
        require((eventsFile == null) == (truthFile == null), "--events and --truth go together: the events file is converted into the truth file");
        require(mqtt.password() == null || mqtt.username() != null, "a password needs a username");
    }

    /** The defaults with whichever variables are set; a bad value names its variable. File and mapping are left empty. */
    public static ReplayConfig fromEnv(Map<String, String> env) {
        EnvSettings settings = new EnvSettings(env);
        String uri = settings.string("FOREWARN_MQTT_URI", DEFAULT_SERVER_URI);
        int qos = settings.integer("FOREWARN_REPLAY_QOS", DEFAULT_QOS);
        if (qos != 0 && qos != 1) throw new IllegalArgumentException("FOREWARN_REPLAY_QOS: expected 0 or 1, got '" + qos + "'");
        MqttSettings mqtt = new MqttSettings(uri, qos, settings.string("FOREWARN_MQTT_USERNAME", null), settings.string("FOREWARN_MQTT_PASSWORD", null));
        String speed = settings.string("FOREWARN_REPLAY_SPEED", null);
        double speedUp;
        try {
            speedUp = speed == null ? DEFAULT_SPEED_UP : parseSpeed(speed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("FOREWARN_REPLAY_SPEED: " + e.getMessage());
        }
        return new ReplayConfig(null, ColumnMapping.empty(), speedUp, mqtt, settings.integer("FOREWARN_REPLAY_CONNECTIONS", DEFAULT_CONNECTIONS),
                DEFAULT_CLIENT_ID_PREFIX, 0, null, null, false);
    }

    /** A positive number of data seconds per wall second, or {@code max}. */
    public static double parseSpeed(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("max")) return Double.POSITIVE_INFINITY;
        try {
            double v = Double.parseDouble(t);
            if (v > 0 && Double.isFinite(v)) return v;
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("expected a positive number of data seconds per wall second, or max; got '" + text + "'");
    }

    public ReplayConfig withFile(Path file) {
        return new ReplayConfig(file, mapping, speedUp, mqtt, connections, clientIdPrefix, maxRate, eventsFile, truthFile, skipBadRows);
    }

    public ReplayConfig withMapping(ColumnMapping mapping) {
        return new ReplayConfig(file, mapping, speedUp, mqtt, connections, clientIdPrefix, maxRate, eventsFile, truthFile, skipBadRows);
    }

    public ReplayConfig withSpeedUp(double speedUp) {
        return new ReplayConfig(file, mapping, speedUp, mqtt, connections, clientIdPrefix, maxRate, eventsFile, truthFile, skipBadRows);
    }

    public ReplayConfig withMqtt(MqttSettings mqtt) {
        return new ReplayConfig(file, mapping, speedUp, mqtt, connections, clientIdPrefix, maxRate, eventsFile, truthFile, skipBadRows);
    }

    public ReplayConfig withConnections(int connections) {
        return new ReplayConfig(file, mapping, speedUp, mqtt, connections, clientIdPrefix, maxRate, eventsFile, truthFile, skipBadRows);
    }

    public ReplayConfig withClientIdPrefix(String clientIdPrefix) {
        return new ReplayConfig(file, mapping, speedUp, mqtt, connections, clientIdPrefix, maxRate, eventsFile, truthFile, skipBadRows);
    }

    public ReplayConfig withMaxRate(double maxRate) {
        return new ReplayConfig(file, mapping, speedUp, mqtt, connections, clientIdPrefix, maxRate, eventsFile, truthFile, skipBadRows);
    }

    public ReplayConfig withEvents(Path eventsFile, Path truthFile) {
        return new ReplayConfig(file, mapping, speedUp, mqtt, connections, clientIdPrefix, maxRate, eventsFile, truthFile, skipBadRows);
    }

    public ReplayConfig withSkipBadRows(boolean skipBadRows) {
        return new ReplayConfig(file, mapping, speedUp, mqtt, connections, clientIdPrefix, maxRate, eventsFile, truthFile, skipBadRows);
    }

    private static void require(boolean condition, String message) {
        if (!condition) throw new IllegalArgumentException(message);
    }
}
