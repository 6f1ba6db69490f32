package io.forewarn.ingest.validation;

/** What {@link TelemetryDecodeFunction} does with valid telemetry from a device its {@link DeviceRegistry} does not know. */
public enum UnknownDevicePolicy {
    /** Keep it; no registry is consulted. The default until the job passes a registry. */
    ACCEPT,
    /** Dead-letter it as {@link RejectReason#UNKNOWN_DEVICE}: the device has no business sending. */
    REJECT,
    /**
     * Dead-letter it as {@link RejectReason#QUARANTINED_UNKNOWN_DEVICE}, with its full payload, so it can be
     * replayed once the device is registered (a device installed before its registration reached the registry).
     */
    QUARANTINE
}
