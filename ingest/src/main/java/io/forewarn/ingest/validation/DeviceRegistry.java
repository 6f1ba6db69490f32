package io.forewarn.ingest.validation;

import java.io.Serializable;

/**
 * Which devices belong to the fleet. {@link TelemetryDecodeFunction} asks it about each device whose telemetry
 * passed validation, under the {@link UnknownDevicePolicy#REJECT} and {@link UnknownDevicePolicy#QUARANTINE}
 * policies, and caches the answers. Serialized with the job graph: open connections in {@link #open()}.
 */
public interface DeviceRegistry extends Serializable, AutoCloseable {

    /** Called once on each parallel instance before the first lookup. */
    default void open() throws Exception {}

    /**
     * Whether the device is registered. Throwing (the registry is down) fails the task: the job restarts from its
     * last checkpoint and the broker redelivers, rather than telemetry being judged without the registry.
     */
    boolean isRegistered(String deviceId);

    @Override
    default void close() throws Exception {}
}
