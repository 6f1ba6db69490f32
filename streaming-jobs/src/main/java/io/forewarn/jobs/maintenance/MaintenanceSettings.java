package io.forewarn.jobs.maintenance;

import io.forewarn.contracts.config.EnvSettings;
import io.forewarn.ingest.source.MqttSourceConfig;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * How the job hears of service visits and how long a visit holds back its decisions about a device.
 *
 * @param visits the MQTT subscription to the service topics: the telemetry source's broker, login and TLS with its
 *     own topic filters, shared-subscription group and client ids; null when the job does not subscribe
 * @param settleAfterVisit after a visit finishes, the device's readings settle for this long, during which its
 *     predictions open no ticket and no preventive plan falls due; zero: none
 * @param openVisitLimit a visit that started and was never reported finished counts as over after this long, so one
 *     lost message cannot silence a device for good
 */
public record MaintenanceSettings(MqttSourceConfig visits, Duration settleAfterVisit, Duration openVisitLimit) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_TOPIC_FILTER = "devices/+/service";
    public static final String DEFAULT_SHARED_GROUP = "forewarn-service-visits";

    public MaintenanceSettings {
        if (settleAfterVisit == null || settleAfterVisit.isNegative()) {
            throw new IllegalArgumentException("settleAfterVisit " + settleAfterVisit + ": must not be negative");
        }
        if (openVisitLimit == null || openVisitLimit.isNegative() || openVisitLimit.isZero()) {
            throw new IllegalArgumentException("openVisitLimit " + openVisitLimit + ": must be positive");
        }
    }

    /**
     * Reads the settings; {@code telemetry} is the job's telemetry source, whose connection settings the service
     * subscription shares.
     *
     * <table>
     * <tr><td>FOREWARN_SERVICE_TOPIC_FILTERS</td><td>devices/+/service (comma-separated; {@code off}: not subscribed)</td></tr>
     * <tr><td>FOREWARN_SERVICE_SHARED_GROUP</td><td>forewarn-service-visits; {@code none} for a plain subscription</td></tr>
     * <tr><td>FOREWARN_SERVICE_CLIENT_ID_PREFIX</td><td>the telemetry's client id prefix + {@code -service}</td></tr>
     * <tr><td>FOREWARN_MAINTENANCE_GRACE</td><td>PT24H</td></tr>
     * <tr><td>FOREWARN_MAINTENANCE_OPEN_VISIT_LIMIT</td><td>P3D</td></tr>
     * </table>
     */
    public static MaintenanceSettings fromEnv(Map<String, String> environment, MqttSourceConfig telemetry) {
        EnvSettings env = new EnvSettings(environment);
        String filters = env.string("FOREWARN_SERVICE_TOPIC_FILTERS", DEFAULT_TOPIC_FILTER);
        String group = env.string("FOREWARN_SERVICE_SHARED_GROUP", DEFAULT_SHARED_GROUP);
        MqttSourceConfig visits = filters.equalsIgnoreCase("off") ? null : new MqttSourceConfig(
                telemetry.serverUri(),
                Arrays.stream(filters.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                telemetry.qos(),
                group.equalsIgnoreCase("none") ? null : group,
                // Never the telemetry readers' ids: a second connection with the same id would throw the first off.
                env.string("FOREWARN_SERVICE_CLIENT_ID_PREFIX", telemetry.clientIdPrefix() + "-service"),
                telemetry.username(), telemetry.password(), telemetry.tls(), telemetry.sessionExpiry(),
                telemetry.connectionTimeout(), telemetry.keepAlive(), telemetry.reconnectMinDelay(),
                telemetry.reconnectMaxDelay(), telemetry.receiveMaximum(), telemetry.queueCapacity(), telemetry.ackMode());
        return new MaintenanceSettings(visits,
                env.duration("FOREWARN_MAINTENANCE_GRACE", Duration.ofHours(24)),
                env.duration("FOREWARN_MAINTENANCE_OPEN_VISIT_LIMIT", Duration.ofDays(3)));
    }
}
