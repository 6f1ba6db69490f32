package io.forewarn.ingest.validation;

import io.forewarn.contracts.config.EnvSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * Limits of telemetry validation.
 *
 * @param maxPayloadBytes larger payloads are rejected before parsing
 * @param maxFutureSkew how far an event time may lie ahead of "now"; null or zero turns the check off (a simulator
 *     whose accelerated clock runs ahead of the wall clock needs that; the demo's catches up and never passes it)
 * @param maxAge how far an event time may lie behind "now"; null or zero turns the check off
 * @param referenceClock what "now" is for both checks
 * @param unknownDevices what happens to valid telemetry from a device the {@link DeviceRegistry} does not know;
 *     anything but {@link UnknownDevicePolicy#ACCEPT} needs a registry in {@link TelemetryDecodeFunction}
 * @param deviceCacheTtl how long the decode function trusts the registry's answer about a device; zero asks the
 *     registry for every message
 */
public record ValidationConfig(
        int maxPayloadBytes,
        Duration maxFutureSkew,
        Duration maxAge,
        ReferenceClock referenceClock,
        UnknownDevicePolicy unknownDevices,
        Duration deviceCacheTtl) implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final Duration DEFAULT_DEVICE_CACHE_TTL = Duration.ofMinutes(1);

    /** What the decode function passes to the decoder as "now". */
    public enum ReferenceClock {
        /** The machine's clock. */
        WALL_CLOCK,
        /**
         * The largest event time accepted so far by this parallel instance (the wall clock until the first one).
         * For replays and simulated time. A single accepted far-future event moves it for good, so keep
         * {@code maxFutureSkew} on with this clock where devices cannot be trusted.
         */
        MAX_EVENT_TIME
    }

    public ValidationConfig {
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("maxPayloadBytes " + maxPayloadBytes + ": must be positive");
        }
        if (maxFutureSkew != null && maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew " + maxFutureSkew + ": must not be negative");
        }
        if (maxAge != null && maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge " + maxAge + ": must not be negative");
        }
        if (referenceClock == null) {
            referenceClock = ReferenceClock.WALL_CLOCK;
        }
        if (unknownDevices == null) {
            unknownDevices = UnknownDevicePolicy.ACCEPT;
        }
        if (deviceCacheTtl == null || deviceCacheTtl.isNegative()) {
            throw new IllegalArgumentException("deviceCacheTtl " + deviceCacheTtl + ": must not be negative");
        }
    }

    /** Limits without a device policy: unknown devices are accepted and no registry is consulted. */
    public ValidationConfig(int maxPayloadBytes, Duration maxFutureSkew, Duration maxAge, ReferenceClock referenceClock) {
        this(maxPayloadBytes, maxFutureSkew, maxAge, referenceClock, UnknownDevicePolicy.ACCEPT, DEFAULT_DEVICE_CACHE_TTL);
    }

    /** 16 KiB payloads, 5 minutes of future skew, 7 days of age, wall clock, unknown devices accepted. */
    public static ValidationConfig defaults() {
        return new ValidationConfig(16_384, Duration.ofMinutes(5), Duration.ofDays(7), ReferenceClock.WALL_CLOCK,
                UnknownDevicePolicy.ACCEPT, DEFAULT_DEVICE_CACHE_TTL);
    }

    /** The same limits with another policy for unknown devices. */
    public ValidationConfig withUnknownDevices(UnknownDevicePolicy policy) {
        return new ValidationConfig(maxPayloadBytes, maxFutureSkew, maxAge, referenceClock, policy, deviceCacheTtl);
    }

    public static ValidationConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    /**
     * Reads {@code FOREWARN_INGEST_MAX_PAYLOAD_BYTES} (16384), {@code FOREWARN_INGEST_MAX_FUTURE_SKEW} (PT5M;
     * {@code 0} or {@code off} disables), {@code FOREWARN_INGEST_MAX_AGE} (P7D; {@code 0} or {@code off}
     * disables), {@code FOREWARN_INGEST_REFERENCE_CLOCK} (WALL_CLOCK or MAX_EVENT_TIME),
     * {@code FOREWARN_INGEST_UNKNOWN_DEVICES} (ACCEPT, REJECT or QUARANTINE) and
     * {@code FOREWARN_INGEST_DEVICE_CACHE_TTL} (PT1M).
     */
    public static ValidationConfig fromEnv(Map<String, String> environment) {
        return fromEnv(environment, defaults());
    }

    /** As {@link #fromEnv(Map)}, with {@code d} supplying every value the environment does not set. */
    public static ValidationConfig fromEnv(Map<String, String> environment, ValidationConfig d) {
        EnvSettings env = new EnvSettings(environment);
        return new ValidationConfig(
                env.integer("FOREWARN_INGEST_MAX_PAYLOAD_BYTES", d.maxPayloadBytes()),
                env.duration("FOREWARN_INGEST_MAX_FUTURE_SKEW", d.maxFutureSkew()),
                env.duration("FOREWARN_INGEST_MAX_AGE", d.maxAge()),
                env.enumValue("FOREWARN_INGEST_REFERENCE_CLOCK", ReferenceClock.class, d.referenceClock()),
                env.enumValue("FOREWARN_INGEST_UNKNOWN_DEVICES", UnknownDevicePolicy.class, d.unknownDevices()),
                env.duration("FOREWARN_INGEST_DEVICE_CACHE_TTL", d.deviceCacheTtl()));
    }

    public boolean futureSkewCheckEnabled() {
        return maxFutureSkew != null && !maxFutureSkew.isZero();
    }

    public boolean ageCheckEnabled() {
        return maxAge != null && !maxAge.isZero();
    }
}
