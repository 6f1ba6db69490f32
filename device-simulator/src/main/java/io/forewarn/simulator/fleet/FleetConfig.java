package io.forewarn.simulator.fleet;

import io.forewarn.simulator.faults.FaultKind;
import io.forewarn.simulator.publish.MqttSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the simulator needs: the fleet's shape, its sim clock and the broker it publishes to.
 * {@link #fromEnv()} reads the {@code FOREWARN_*} variables listed in device-simulator/README.md.
 *
 * @param devices number of simulated products, spread round-robin over the catalog's product models
 * @param seed same seed ⇒ same fleet, same faults and the same telemetry stream
 * @param start sim time of every device's first reading
 * @param speedUp sim seconds per wall second: 3600 = one simulated hour per second, 1 = real time
 * @param degradingDevices how many devices develop a fault (the rest stay healthy)
 * @param faultKinds kinds handed out to the degrading devices in turn
 * @param simSpan stop once the sim clock has covered this much after {@code start}; null = run until closed
 * @param serverUri MQTT broker, e.g. {@code tcp://localhost:1883}
 * @param qos MQTT QoS of telemetry publishes
 * @param connections MQTT connections the devices are partitioned over
 * @param clientIdPrefix connection {@code i} uses client id {@code clientIdPrefix-i}
 * @param username MQTT user name, or null for anonymous
 * @param password MQTT password, or null
 * @param maxRate cap on publishes per wall second over all connections, on top of sim-time pacing; 0 = no cap
 * @param listenForService apply repairs and preventive services published on {@code devices/{id}/service}
 */
public record FleetConfig(
        int devices,
        long seed,
        Instant start,
        double speedUp,
        int degradingDevices,
        List<FaultKind> faultKinds,
        Duration simSpan,
        String serverUri,
        int qos,
        int connections,
        String clientIdPrefix,
        String username,
        String password,
        double maxRate,
        boolean listenForService) {

    public static final int DEFAULT_DEVICES = 50;
    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_SPEED_UP = 3600;
    public static final int DEFAULT_DEGRADING = 6;
    public static final String DEFAULT_SERVER_URI = "tcp://localhost:1883";
    public static final int DEFAULT_QOS = 1;
    public static final int DEFAULT_CONNECTIONS = 4;
    public static final String DEFAULT_CLIENT_ID_PREFIX = "forewarn-sim";
    /**
     * Most connections one process opens: each Paho client runs three to four threads of its own, so a connection
     * per device beyond this is a test of the simulator's JVM, not of the broker.
     */
    public static final int MAX_CONNECTIONS = 2_000;

    /** Every environment variable {@link #fromEnv()} reads, in the order of the README's table. */
    public static final List<String> ENVIRONMENT = List.of(
            "FOREWARN_SIM_DEVICES",
            "FOREWARN_SIM_SEED",
            "FOREWARN_SIM_START",
            "FOREWARN_SIM_SPEED_UP",
            "FOREWARN_SIM_DEGRADING",
            "FOREWARN_SIM_FAULT_KINDS",
            "FOREWARN_SIM_SPAN",
            "FOREWARN_MQTT_URI",
            "FOREWARN_SIM_QOS",
            "FOREWARN_SIM_CONNECTIONS",
            "FOREWARN_SIM_CLIENT_ID_PREFIX",
            "FOREWARN_MQTT_USERNAME",
            "FOREWARN_MQTT_PASSWORD",
            "FOREWARN_SIM_RATE",
            "FOREWARN_SIM_LISTEN_FOR_SERVICE");

    public FleetConfig {
        Objects.requireNonNull(start, "start");
        faultKinds = List.copyOf(Objects.requireNonNull(faultKinds, "faultKinds"));
        require(devices >= 1, "devices must be at least 1, got " + devices);
        require(degradingDevices >= 0 && degradingDevices <= devices,
                "degradingDevices must be between 0 and devices (" + devices + "), got " + degradingDevices);
        require(speedUp > 0 && Double.isFinite(speedUp), "speedUp must be a positive number, got " + speedUp);
        require(!faultKinds.isEmpty(), "faultKinds must name at least one kind");
        require(simSpan == null || (!simSpan.isNegative() && !simSpan.isZero()), "simSpan must be positive, got " + simSpan);
        require(serverUri != null && serverUri.matches("(tcp|ssl|ws|wss)://[^\\s]+"),
                "serverUri must look like tcp://host:port (or ssl://, ws://, wss://), got '" + serverUri + "'");
        require(qos >= 0 && qos <= 2, "qos must be 0, 1 or 2, got " + qos);
        require(connections >= 1 && connections <= MAX_CONNECTIONS,
                "connections must be between 1 and " + MAX_CONNECTIONS + ", got " + connections);
        require(maxRate >= 0 && Double.isFinite(maxRate), "maxRate must be 0 (no cap) or a positive number, got " + maxRate);
        require(clientIdPrefix != null && !clientIdPrefix.isBlank(), "clientIdPrefix is required");
        require(password == null || username != null, "a password needs a username");
    }

    /** The documented defaults, starting the sim clock at the current hour. */
    public static FleetConfig defaults() {
        return new FleetConfig(DEFAULT_DEVICES, DEFAULT_SEED, Instant.now().truncatedTo(ChronoUnit.HOURS), DEFAULT_SPEED_UP,
                DEFAULT_DEGRADING, List.of(FaultKind.GRADUAL), null, DEFAULT_SERVER_URI, DEFAULT_QOS, DEFAULT_CONNECTIONS,
                DEFAULT_CLIENT_ID_PREFIX, null, null, 0, false);
    }

    public static FleetConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    /** The defaults overridden by whichever {@code FOREWARN_*} variables are set; a bad value names its variable. */
    public static FleetConfig fromEnv(Map<String, String> env) {
        FleetConfig d = defaults();
        Env e = new Env(env);
        int devices = e.integer("FOREWARN_SIM_DEVICES", d.devices);
        return new FleetConfig(
                devices,
                e.longValue("FOREWARN_SIM_SEED", d.seed),
                e.instant("FOREWARN_SIM_START", d.start),
                e.decimal("FOREWARN_SIM_SPEED_UP", d.speedUp),
                // A small fleet without an explicit count degrades what it can rather than failing.
                e.integer("FOREWARN_SIM_DEGRADING", Math.min(d.degradingDevices, Math.max(devices, 0))),
                e.faultKinds("FOREWARN_SIM_FAULT_KINDS", d.faultKinds),
                e.duration("FOREWARN_SIM_SPAN", d.simSpan),
                e.text("FOREWARN_MQTT_URI", d.serverUri),
                e.integer("FOREWARN_SIM_QOS", d.qos),
                e.integer("FOREWARN_SIM_CONNECTIONS", d.connections),
                e.text("FOREWARN_SIM_CLIENT_ID_PREFIX", d.clientIdPrefix),
                e.text("FOREWARN_MQTT_USERNAME", null),
                e.text("FOREWARN_MQTT_PASSWORD", null),
                e.decimal("FOREWARN_SIM_RATE", d.maxRate),
                e.bool("FOREWARN_SIM_LISTEN_FOR_SERVICE", d.listenForService));
    }

    public FleetConfig withDevices(int devices) {
        return new FleetConfig(devices, seed, start, speedUp, degradingDevices, faultKinds, simSpan, serverUri, qos, connections, clientIdPrefix, username, password, maxRate, listenForService);
    }

    public FleetConfig withSeed(long seed) {
        return new FleetConfig(devices, seed, start, speedUp, degradingDevices, faultKinds, simSpan, serverUri, qos, connections, clientIdPrefix, username, password, maxRate, listenForService);
    }

    public FleetConfig withStart(Instant start) {
        return new FleetConfig(devices, seed, start, speedUp, degradingDevices, faultKinds, simSpan, serverUri, qos, connections, clientIdPrefix, username, password, maxRate, listenForService);
    }

    public FleetConfig withSpeedUp(double speedUp) {
        return new FleetConfig(devices, seed, start, speedUp, degradingDevices, faultKinds, simSpan, serverUri, qos, connections, clientIdPrefix, username, password, maxRate, listenForService);
    }

    public FleetConfig withDegradingDevices(int degradingDevices) {
        return new FleetConfig(devices, seed, start, speedUp, degradingDevices, faultKinds, simSpan, serverUri, qos, connections, clientIdPrefix, username, password, maxRate, listenForService);
    }

    public FleetConfig withFaultKinds(List<FaultKind> faultKinds) {
        return new FleetConfig(devices, seed, start, speedUp, degradingDevices, faultKinds, simSpan, serverUri, qos, connections, clientIdPrefix, username, password, maxRate, listenForService);
    }

    public FleetConfig withSimSpan(Duration simSpan) {
        return new FleetConfig(devices, seed, start, speedUp, degradingDevices, faultKinds, simSpan, serverUri, qos, connections, clientIdPrefix, username, password, maxRate, listenForService);
    }

    public FleetConfig withServerUri(String serverUri) {
        return new FleetConfig(devices, seed, start, speedUp, degradingDevices, faultKinds, simSpan, serverUri, qos, connections, clientIdPrefix, username, password, maxRate, listenForService);
    }

    public FleetConfig withQos(int qos) {
        return new FleetConfig(devices, seed, start, speedUp, degradingDevices, faultKinds, simSpan, serverUri, qos, connections, clientIdPrefix, username, password, maxRate, listenForService);
    }

    public FleetConfig withConnections(int connections) {
        return new FleetConfig(devices, seed, start, speedUp, degradingDevices, faultKinds, simSpan, serverUri, qos, connections, clientIdPrefix, username, password, maxRate, listenForService);
    }

    public FleetConfig withClientIdPrefix(String clientIdPrefix) {
        return new FleetConfig(devices, seed, start, speedUp, degradingDevices, faultKinds, simSpan, serverUri, qos, connections, clientIdPrefix, username, password, maxRate, listenForService);
    }

    public FleetConfig withCredentials(String username, String password) {
        return new FleetConfig(devices, seed, start, speedUp, degradingDevices, faultKinds, simSpan, serverUri, qos, connections, clientIdPrefix, username, password, maxRate, listenForService);
    }

    public FleetConfig withMaxRate(double maxRate) {
        return new FleetConfig(devices, seed, start, speedUp, degradingDevices, faultKinds, simSpan, serverUri, qos, connections, clientIdPrefix, username, password, maxRate, listenForService);
    }

    public FleetConfig withListenForService(boolean listenForService) {
        return new FleetConfig(devices, seed, start, speedUp, degradingDevices, faultKinds, simSpan, serverUri, qos, connections, clientIdPrefix, username, password, maxRate, listenForService);
    }

    /** The broker settings of the publisher's connections. */
    public MqttSettings mqtt() {
        return new MqttSettings(serverUri, qos, username, password);
    }

    /** The end of the simulated span, or null when the run is unbounded. */
    public Instant simEnd() {
        return simSpan == null ? null : start.plus(simSpan);
    }

    @Override
    public String toString() {
        // Never print the password.
        return "FleetConfig[devices=" + devices + ", seed=" + seed + ", start=" + start + ", speedUp=" + speedUp
                + ", degradingDevices=" + degradingDevices + ", faultKinds=" + faultKinds + ", simSpan=" + simSpan
                + ", serverUri=" + serverUri + ", qos=" + qos + ", connections=" + connections
                + ", clientIdPrefix=" + clientIdPrefix + ", username=" + username + ", password=" + (password == null ? null : "***")
                + ", maxRate=" + maxRate + ", listenForService=" + listenForService + "]";
    }

    /**
     * A duration as {@code 90s}, {@code 10m}, {@code 2h}, {@code 3d} or ISO-8601 ({@code PT10M}).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.length() >= 2) {
                long amount = Long.parseLong(t.substring(0, t.length() - 1));
                switch (t.charAt(t.length() - 1)) {
                    case 's': return Duration.ofSeconds(amount);
                    case 'm': return Duration.ofMinutes(amount);
                    case 'h': return Duration.ofHours(amount);
                    case 'd': return Duration.ofDays(amount);
                    default: break;
                }
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("expected a duration like 90s, 10m, 2h, 3d or PT10M, got '" + text + "'");
    }

    private static void require(boolean condition, String message) {
        if (!condition) throw new IllegalArgumentException(message);
    }

    /** Reads typed values from an environment map; a bad value names its variable and what was expected. */
    private record Env(Map<String, String> env) {
        private String raw(String name) {
            String v = env.get(name);
            return v == null || v.isBlank() ? null : v.trim();
        }

        String text(String name, String fallback) {
            String v = raw(name);
            return v == null ? fallback : v;
        }

        int integer(String name, int fallback) {
            String v = raw(name);
            try {
                return v == null ? fallback : Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw bad(name, "a whole number", v);
            }
        }

        long longValue(String name, long fallback) {
            String v = raw(name);
            try {
                return v == null ? fallback : Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw bad(name, "a whole number", v);
            }
        }

        double decimal(String name, double fallback) {
            String v = raw(name);
            try {
                return v == null ? fallback : Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw bad(name, "a number", v);
            }
        }

        Instant instant(String name, Instant fallback) {
            String v = raw(name);
            try {
                return v == null ? fallback : Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw bad(name, "a UTC instant like 2026-11-25T00:00:00Z", v);
            }
        }

        Duration duration(String name, Duration fallback) {
            String v = raw(name);
            try {
                return v == null ? fallback : parseDuration(v);
            } catch (IllegalArgumentException e) {
                throw bad(name, "a duration like 90s, 10m, 2h, 3d or PT10M", v);
            }
        }

        boolean bool(String name, boolean fallback) {
            String v = raw(name);
            if (v == null) return fallback;
            if (v.equalsIgnoreCase("true")) return true;
            if (v.equalsIgnoreCase("false")) return false;
            throw bad(name, "true or false", v);
        }

        List<FaultKind> faultKinds(String name, List<FaultKind> fallback) {
            String v = raw(name);
            return v == null ? fallback : parseFaultKinds(v, name);
        }

        private static IllegalArgumentException bad(String name, String expected, String value) {
            return new IllegalArgumentException(name + ": expected " + expected + ", got '" + value + "'");
        }
    }

    /** A comma-separated list of {@link FaultKind} names, case-insensitive, e.g. {@code gradual,sudden}. */
    public static List<FaultKind> parseFaultKinds(String text, String source) {
        List<FaultKind> kinds = new ArrayList<>();
        for (String part : text.split(",")) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            try {
                kinds.add(FaultKind.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": unknown fault kind '" + part.trim() + "', expected one of "
                        + List.of(FaultKind.values()).toString().toLowerCase(Locale.ROOT));
            }
        }
        return kinds;
    }
}
