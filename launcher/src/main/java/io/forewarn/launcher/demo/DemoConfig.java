package io.forewarn.launcher.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of {@code ./forewarn demo}. Each external-service setting, when present, replaces the embedded service:
 * {@code FOREWARN_MQTT_URI} the embedded HiveMQ, {@code FOREWARN_INFLUX_URL} the embedded QuestDB, and
 * {@code FOREWARN_JDBC_URL} the embedded PostgreSQL. Ports of 0 pick free ports.
 */
public record DemoConfig(
        Path dataDir,
        int devices,
        int degradingDevices,
        long seed,
        double speedUp,
        int mqttPort,
        int questDbHttpPort,
        int questDbPgPort,
        int postgresPort,
        int apiPort,
        Duration checkpointInterval,
        Map<String, String> env) {

    public static DemoConfig fromEnv(Map<String, String> env) {
        return new DemoConfig(
                Path.of(env.getOrDefault("FOREWARN_DATA_DIR", "forewarn-data")),
                Integer.parseInt(env.getOrDefault("FOREWARN_DEMO_DEVICES", "50")),
                Integer.parseInt(env.getOrDefault("FOREWARN_DEMO_DEGRADING", "6")),
                Long.parseLong(env.getOrDefault("FOREWARN_DEMO_SEED", "42")),
                Double.parseDouble(env.getOrDefault("FOREWARN_DEMO_SPEED_UP", "3600")),
                Integer.parseInt(env.getOrDefault("FOREWARN_DEMO_MQTT_PORT", "1883")),
                Integer.parseInt(env.getOrDefault("FOREWARN_DEMO_QUESTDB_HTTP_PORT", "9000")),
                Integer.parseInt(env.getOrDefault("FOREWARN_DEMO_QUESTDB_PG_PORT", "8812")),
                Integer.parseInt(env.getOrDefault("FOREWARN_DEMO_POSTGRES_PORT", "5433")),
                Integer.parseInt(env.getOrDefault("FOREWARN_API_PORT", "8080")),
                Duration.parse(env.getOrDefault("FOREWARN_CHECKPOINT_INTERVAL", "PT5S")),
                Map.copyOf(env));
    }

    /** Everything embedded, on free ports, under {@code dataDir}: for tests. */
    public static DemoConfig isolated(Path dataDir) {
        return new DemoConfig(dataDir, 50, 6, 42, 3600, 0, 0, 0, 0, 0, Duration.ofSeconds(2), Map.of());
    }

    public DemoConfig withDataDir(Path dir) {
        return new DemoConfig(dir, devices, degradingDevices, seed, speedUp, mqttPort, questDbHttpPort, questDbPgPort,
                postgresPort, apiPort, checkpointInterval, env);
    }

    public DemoConfig withFleet(int devices, int degradingDevices, double speedUp) {
        return new DemoConfig(dataDir, devices, degradingDevices, seed, speedUp, mqttPort, questDbHttpPort, questDbPgPort,
                postgresPort, apiPort, checkpointInterval, env);
    }

    String external(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
