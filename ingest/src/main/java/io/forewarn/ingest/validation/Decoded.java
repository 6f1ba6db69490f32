package io.forewarn.ingest.validation;

import io.forewarn.contracts.telemetry.TelemetryMessage;

/** The outcome of decoding one MQTT message: an {@link Accepted} telemetry message or a {@link DeadLetter}. */
public sealed interface Decoded permits Decoded.Accepted, DeadLetter {

    /** A message that passed every check. */
    record Accepted(TelemetryMessage message) implements Decoded {}
}
