package io.forewarn.alerts.tickets;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Settings of the ticket workflow, read from environment variables.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>FOREWARN_API_WRITES_PER_MINUTE</td><td>60</td><td>changes (POST/PUT/PATCH/DELETE) one user may make per
 *       minute, in a burst of as many; more answer 429</td></tr>
 *   <tr><td>FOREWARN_API_SLA_CHECK_INTERVAL</td><td>PT30S</td><td>how often broken SLA promises are looked for and
 *       announced, ISO-8601 duration</td></tr>
 * </table>
 */
public record WorkflowConfig(int writesPerMinute, Duration slaCheckInterval) {
    public static final int DEFAULT_WRITES_PER_MINUTE = 60;
    public static final Duration DEFAULT_SLA_CHECK_INTERVAL = Duration.ofSeconds(30);

    public WorkflowConfig {
        if (writesPerMinute < 1) {
            throw new IllegalArgumentException("writesPerMinute must be at least 1, was " + writesPerMinute);
        }
        if (slaCheckInterval == null || slaCheckInterval.toMillis() < 1) {
            throw new IllegalArgumentException("slaCheckInterval must be at least 1 ms, was " + slaCheckInterval);
        }
    }

    public static WorkflowConfig defaults() {
        return new WorkflowConfig(DEFAULT_WRITES_PER_MINUTE, DEFAULT_SLA_CHECK_INTERVAL);
    }

    public static WorkflowConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    /** Reads the variables from {@code env}; a malformed value is an error naming the variable. */
    public static WorkflowConfig fromEnv(Map<String, String> env) {
        String writes = env.get("FOREWARN_API_WRITES_PER_MINUTE");
        String interval = env.get("FOREWARN_API_SLA_CHECK_INTERVAL");
        int writesPerMinute = DEFAULT_WRITES_PER_MINUTE;
        Duration slaCheckInterval = DEFAULT_SLA_CHECK_INTERVAL;
        if (writes != null && !writes.isBlank()) {
            try {
                writesPerMinute = Integer.parseInt(writes.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "FOREWARN_API_WRITES_PER_MINUTE must be an integer, was '" + writes + "'", e);
            }
        }
        if (interval != null && !interval.isBlank()) {
            try {
                slaCheckInterval = Duration.parse(interval.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("FOREWARN_API_SLA_CHECK_INTERVAL must be an ISO-8601 duration"
                        + " such as PT30S, was '" + interval + "'", e);
            }
        }
        return new WorkflowConfig(writesPerMinute, slaCheckInterval);
    }
}
