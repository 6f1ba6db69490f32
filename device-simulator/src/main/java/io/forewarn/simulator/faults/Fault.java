package io.forewarn.simulator.faults;

import io.forewarn.contracts.catalog.FailureMode;
import io.forewarn.contracts.catalog.SensorShift;
import io.forewarn.contracts.catalog.SensorSpec;
import io.forewarn.simulator.Seeds;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One catalog failure mode developing in one device, and how far it displaces each sensor at a given sim time.
 *
 * <p>Each sensor of the mode's signature is displaced by {@code shiftAtFailure × normalHalfWidth × severity(t)}.
 * After {@code failureAt} the device is failed and keeps reporting with severity held at 1, so downstream
 * consumers see a broken product rather than a silent one.
 *
 * @param seed only used by {@link FaultKind#INTERMITTENT} to place its episodes deterministically
 */
public record Fault(FailureMode mode, FaultKind kind, Instant onsetAt, Instant failureAt, long seed) {

    /** Length of one on/off episode of an intermittent fault, in sim time. */
    public static final Duration EPISODE = Duration.ofHours(2);

    public Fault {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(onsetAt, "onsetAt");
        Objects.requireNonNull(failureAt, "failureAt");
        if (kind == FaultKind.SUDDEN ? failureAt.isBefore(onsetAt) : !failureAt.isAfter(onsetAt)) {
            throw new IllegalArgumentException("fault " + mode.id() + ": failureAt " + failureAt + " must be after onsetAt " + onsetAt);
        }
    }

    /** Accelerating wear: progress squared, from onset to failure. */
    public static Fault gradual(FailureMode mode, Instant onsetAt, Instant failureAt) {
        return new Fault(mode, FaultKind.GRADUAL, onsetAt, failureAt, 0);
    }

    /** Episodes of symptoms between onset and failure; {@code seed} decides which episodes are on. */
    public static Fault intermittent(FailureMode mode, Instant onsetAt, Instant failureAt, long seed) {
        return new Fault(mode, FaultKind.INTERMITTENT, onsetAt, failureAt, seed);
    }

    /** Full signature from {@code failureAt} on, nothing before. */
    public static Fault sudden(FailureMode mode, Instant failureAt) {
        return new Fault(mode, FaultKind.SUDDEN, failureAt, failureAt, 0);
    }

    /** (t − onset) / (failureAt − onset), clamped to [0, 1]; a sudden fault jumps from 0 to 1 at failure. */
    public double progress(Instant t) {
        if (t.isBefore(onsetAt)) return 0;
        if (!t.isBefore(failureAt)) return 1;
        double span = Duration.between(onsetAt, failureAt).toMillis();
        return Duration.between(onsetAt, t).toMillis() / span;
    }

    /** How strongly the signature shows at {@code t}, 0 (healthy) to 1 (failed). */
    public double severity(Instant t) {
        if (kind != FaultKind.SUDDEN && t.isBefore(onsetAt)) return 0; // nothing shows before the fault begins
        double progress = progress(t);
        if (progress >= 1) return 1;
        return switch (kind) {
            case GRADUAL -> progress * progress;
            case SUDDEN -> 0;
            case INTERMITTENT -> episodeIsOn(t, progress) ? Math.max(0.25, progress) : 0;
        };
    }

    /** Started showing (or, for a sudden fault, happened) and not yet failed. */
    public boolean isActive(Instant t) {
        return kind != FaultKind.SUDDEN && !t.isBefore(onsetAt) && t.isBefore(failureAt);
    }

    public boolean hasFailed(Instant t) {
        return !t.isBefore(failureAt);
    }

    /** The displacement of {@code sensor} at {@code t}, in the sensor's unit; 0 for sensors outside the signature. */
    public double displacement(SensorSpec sensor, Instant t) {
        for (SensorShift shift : mode.signature()) {
            if (shift.sensor().equals(sensor.name())) {
                return shift.shiftAtFailure() * sensor.normalHalfWidth() * severity(t);
            }
        }
        return 0;
    }

    // Episodes become more likely as failure nears: a quarter of them at onset, three quarters just before failure.
    private boolean episodeIsOn(Instant t, double progress) {
        long episode = Duration.between(onsetAt, t).toMillis() / EPISODE.toMillis();
        return Seeds.unitDouble(Seeds.mix(seed, episode)) < 0.25 + 0.5 * progress;
    }
}
