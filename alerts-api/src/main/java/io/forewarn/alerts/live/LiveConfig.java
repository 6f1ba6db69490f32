package io.forewarn.alerts.live;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Settings of the live-update stream ({@code GET /api/v1/events}) and of the change feed behind it, read from
 * {@code FOREWARN_LIVE_*} environment variables.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>FOREWARN_LIVE_POLL_INTERVAL</td><td>PT2S</td><td>how often the change feed looks for predictions and
 *       tickets the stream job wrote, while a stream is open</td></tr>
 *   <tr><td>FOREWARN_LIVE_LOOKBACK</td><td>PT10S</td><td>how far behind its last look the feed looks again, for
 *       rows whose transaction committed after the time it stamped on them</td></tr>
 *   <tr><td>FOREWARN_LIVE_HEARTBEAT</td><td>PT15S</td><td>a comment line is sent this often, so proxies keep an
 *       idle stream open and a dead client is noticed</td></tr>
 *   <tr><td>FOREWARN_LIVE_REPLAY_EVENTS</td><td>1000</td><td>recent events kept for clients that reconnect with
 *       {@code Last-Event-ID}</td></tr>
 * </table>
 */
public record LiveConfig(Duration pollInterval, Duration lookback, Duration heartbeat, int replayEvents) {
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_LOOKBACK = Duration.ofSeconds(10);
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
    public static final int DEFAULT_REPLAY_EVENTS = 1000;

    public LiveConfig {
        requireAtLeastOneMilli("pollInterval", pollInterval);
        requireAtLeastOneMilli("heartbeat", heartbeat);
        if (lookback == null || lookback.isNegative()) {
            throw new IllegalArgumentException("lookback must not be negative, was " + lookback);
        }
        if (replayEvents < 0) {
            throw new IllegalArgumentException("replayEvents must not be negative, was " + replayEvents);
        }
    }

    public static LiveConfig defaults() {
        return new LiveConfig(DEFAULT_POLL_INTERVAL, DEFAULT_LOOKBACK, DEFAULT_HEARTBEAT, DEFAULT_REPLAY_EVENTS);
    }

    public static LiveConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    /** Reads the variables from {@code env}; a malformed value is an error naming the variable. */
    public static LiveConfig fromEnv(Map<String, String> env) {
        String duration = "an ISO-8601 duration such as PT2S";
        return new LiveConfig(
                value(env, "FOREWARN_LIVE_POLL_INTERVAL", DEFAULT_POLL_INTERVAL, Duration::parse, duration),
                value(env, "FOREWARN_LIVE_LOOKBACK", DEFAULT_LOOKBACK, Duration::parse, duration),
                value(env, "FOREWARN_LIVE_HEARTBEAT", DEFAULT_HEARTBEAT, Duration::parse, duration),
                value(env, "FOREWARN_LIVE_REPLAY_EVENTS", DEFAULT_REPLAY_EVENTS, Integer::valueOf, "an integer"));
    }

    public LiveConfig withPollInterval(Duration interval) {
        return new LiveConfig(interval, lookback, heartbeat, replayEvents);
    }

    public LiveConfig withHeartbeat(Duration interval) {
        return new LiveConfig(pollInterval, lookback, interval, replayEvents);
    }

    private static void requireAtLeastOneMilli(String name, Duration value) {
        if (value == null || value.toMillis() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 ms, was " + value);
        }
    }

    /** The variable parsed, or {@code fallback} when it is unset or blank; a malformed value is an error naming it. */
    private static <T> T value(Map<String, String> env, String name, T fallback, Function<String, T> parse, String expected) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return parse.apply(value.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be " + expected + ", was '" + value + "'", e);
        }
    }
}
