package io.forewarn.simulator.fleet;

import io.forewarn.contracts.catalog.OperatingMode;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.catalog.SensorInMode;
import io.forewarn.contracts.catalog.SensorSpec;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.contracts.telemetry.TelemetryMessage.Metric;
import io.forewarn.simulator.Seeds;
import io.forewarn.simulator.faults.Fault;
import io.forewarn.simulator.usage.Ambient;
import io.forewarn.simulator.usage.ModeSpan;
import io.forewarn.simulator.usage.UsageSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One simulated product: an immutable generator of its telemetry, reading {@code seq} being a pure function of the
 * device, so any thread can produce any reading and the stream is the same on every run with the same seed.
 *
 * <p>At each reading the device is in one of its catalog operating modes, as its {@link UsageSchedule} says. In the
 * monitored mode (and for the sensors another mode does not set) each sensor reads
 * {@code normalMid + offset + dailyAmplitude·swing + noise·N(0,1) + fault displacement}, clamped to the physical
 * range, where the swing is the device's {@link Ambient#anomaly ambient anomaly} for the mode's ambient sensors and
 * {@code sin(2π·timeOfDay + phase)} (its usage cycle) for the others. A sensor a non-monitored mode sets settles from
 * the device's operating point towards the mode's level (e.g. a stopped compressor's current towards 0, an idle
 * coil's temperature towards the room's) and shows no fault: a worn bearing does not vibrate when the motor is off.
 * The per-device offset (within ±35% of the normal half-width, narrowed where the daily swing and 3σ of noise would
 * otherwise leave the normal range) gives every device its own operating point.
 */
public final class SimulatedDevice {
    /** Largest per-device offset from the middle of the normal range, as a fraction of its half-width. */
    public static final double MAX_OFFSET = 0.35;

    private static final long OFFSET_STREAM = 1;
    private static final long PHASE_STREAM = 2;
    private static final long NOISE_STREAM = 3;
    private static final long USAGE_STREAM = 4;
    private static final double SECONDS_PER_DAY = 86_400;

    private final DeviceProfile profile;
    private final ProductModel model;
    private final Instant start;
    private final long seed;
    private final double phase;
    private final double[] offsets;
    private final Ambient ambient;
    private final UsageSchedule usage;
    private final boolean[] followsAmbient;
    private final Fault fault;

    /** A healthy device; {@code fleetSeed} decides its region's weather, {@code seed} everything else about it. */
    SimulatedDevice(DeviceProfile profile, ProductModel model, Instant start, long seed, long fleetSeed) {
        this(profile, model, start, seed, operatingPoint(model, seed), 2 * Math.PI * Seeds.unitDouble(Seeds.mix(seed, PHASE_STREAM)),
                Ambient.of(profile.region(), fleetSeed, seed), null, null);
    }

    private SimulatedDevice(DeviceProfile profile, ProductModel model, Instant start, long seed, double[] offsets, double phase,
                            Ambient ambient, UsageSchedule usage, Fault fault) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.model = Objects.requireNonNull(model, "model");
        this.start = Objects.requireNonNull(start, "start");
        this.seed = seed;
        this.offsets = offsets;
        this.phase = phase;
        this.ambient = ambient;
        this.usage = usage != null ? usage : UsageSchedule.of(model, Seeds.mix(seed, USAGE_STREAM), ambient);
        this.followsAmbient = followsAmbient(model);
        this.fault = fault;
        if (!profile.productModel().equals(model.id())) {
            throw new IllegalArgumentException(profile.deviceId() + ": profile says " + profile.productModel() + ", model is " + model.id());
        }
        if (fault != null && model.failureMode(fault.mode().id()).isEmpty()) {
            throw new IllegalArgumentException(profile.deviceId() + ": failure mode " + fault.mode().id() + " is not one of " + model.id() + "'s");
        }
    }

    private static double[] operatingPoint(ProductModel model, long seed) {
        double[] offsets = new double[model.sensors().size()];
        for (int i = 0; i < offsets.length; i++) {
            SensorSpec s = model.sensors().get(i);
            double room = Math.max(0, s.normalHalfWidth() - s.dailyAmplitude() - 3 * s.noise());
            double limit = Math.min(MAX_OFFSET * s.normalHalfWidth(), room);
            offsets[i] = (2 * Seeds.unitDouble(Seeds.mix(seed, OFFSET_STREAM, i)) - 1) * limit;
        }
        return offsets;
    }

    // Which sensors' daily swing follows the ambient: those the model's monitored mode names.
    private static boolean[] followsAmbient(ProductModel model) {
        boolean[] follows = new boolean[model.sensors().size()];
        model.operatingModes().stream().filter(OperatingMode::monitored).findFirst().ifPresent(monitored -> {
            for (int i = 0; i < follows.length; i++) {
                follows[i] = monitored.ambientSensors().contains(model.sensors().get(i).name());
            }
        });
        return follows;
    }

    /** The same device (same operating point, usage and noise) developing {@code fault}. */
    public SimulatedDevice withFault(Fault fault) {
        return new SimulatedDevice(profile, model, start, seed, offsets, phase, ambient, usage, Objects.requireNonNull(fault, "fault"));
    }

    /** The same device without any fault: what it would have read had it stayed healthy. */
    public SimulatedDevice healthy() {
        return new SimulatedDevice(profile, model, start, seed, offsets, phase, ambient, usage, null);
    }

    public String deviceId() {
        return profile.deviceId();
    }

    public DeviceProfile profile() {
        return profile;
    }

    public ProductModel model() {
        return model;
    }

    public Optional<Fault> fault() {
        return Optional.ofNullable(fault);
    }

    /** The temperature around the device. */
    public Ambient ambient() {
        return ambient;
    }

    /** The operating mode the device is in at {@code t}, and since when. */
    public ModeSpan modeAt(Instant t) {
        return usage.at(t.getEpochSecond());
    }

    /** Sim time of reading 1. */
    public Instant start() {
        return start;
    }

    public Duration sampleInterval() {
        return Duration.ofSeconds(model.sampleIntervalSeconds());
    }

    /** When reading {@code seq} (1-based) is measured: start + (seq − 1) sample intervals. */
    public Instant eventTimeOf(long seq) {
        requireSeq(seq);
        return start.plusSeconds((seq - 1) * model.sampleIntervalSeconds());
    }

    /** The last reading measured at or before {@code t}, or 0 when {@code t} is before the first reading. */
    public long lastSeqAt(Instant t) {
        if (t.isBefore(start)) return 0;
        return Duration.between(start, t).getSeconds() / model.sampleIntervalSeconds() + 1;
    }

    /** Per-device baseline of {@code sensor} (normal middle plus this device's offset), in the sensor's unit. */
    public double baseline(String sensor) {
        for (int i = 0; i < offsets.length; i++) {
            SensorSpec s = model.sensors().get(i);
            if (s.name().equals(sensor)) return s.normalMid() + offsets[i];
        }
        throw new IllegalArgumentException(model.id() + " has no sensor " + sensor);
    }

    /** Reading number {@code seq} (1-based): every sensor of the catalog model with its catalog unit, and the mode. */
    public TelemetryMessage message(long seq) {
        Instant t = eventTimeOf(seq);
        long epochSecond = t.getEpochSecond();
        ModeSpan span = usage.at(epochSecond);
        double timeOfDay = Math.floorMod(epochSecond, (long) SECONDS_PER_DAY) / SECONDS_PER_DAY;
        double usageCycle = Math.sin(2 * Math.PI * timeOfDay + phase);
        double ambientSwing = ambient.anomaly(epochSecond);
        boolean setsSensors = span.mode() != null && !span.mode().sensors().isEmpty();
        double around = setsSensors ? ambient.at(epochSecond) : Double.NaN;
        Map<String, Metric> metrics = new LinkedHashMap<>();
        for (int i = 0; i < offsets.length; i++) {
            SensorSpec s = model.sensors().get(i);
            SensorInMode set = setsSensors ? span.mode().sensors().get(s.name()) : null;
            double noise = Seeds.gaussian(Seeds.mix(seed, NOISE_STREAM, seq, i));
            double value;
            if (set == null) {
                double swing = followsAmbient[i] ? ambientSwing : usageCycle;
                value = s.normalMid() + offsets[i] + s.dailyAmplitude() * swing + s.noise() * noise
                        + (fault == null ? 0 : fault.displacement(s, t));
            } else {
                value = settled(set, s.normalMid() + offsets[i], around, span, epochSecond)
                        + (set.noise() == null ? s.noise() : set.noise()) * noise;
            }
            metrics.put(s.name(), new Metric(round(clamp(value, s.physicalMin(), s.physicalMax())), s.unit()));
        }
        return new TelemetryMessage(TelemetryMessage.SCHEMA_VERSION, deviceId(), model.id(), t, seq, span.modeId(),
                Collections.unmodifiableMap(metrics));
    }

    // From the operating point towards the mode's level, exponentially from when the mode began.
    private static double settled(SensorInMode set, double operatingPoint, double ambient, ModeSpan span, long epochSecond) {
        double target = set.settledAt(ambient);
        if (set.settleMinutes() <= 0) return target;
        double minutes = ((double) epochSecond - span.sinceEpochSecond()) / 60;
        return target + (operatingPoint - target) * Math.exp(-minutes / set.settleMinutes());
    }

    /** Readings 1 to {@code count}. */
    public List<TelemetryMessage> messages(int count) {
        List<TelemetryMessage> out = new ArrayList<>(count);
        for (long seq = 1; seq <= count; seq++) out.add(message(seq));
        return out;
    }

    @Override
    public String toString() {
        return "SimulatedDevice[" + deviceId() + ", " + model.id() + (fault == null ? "" : ", " + fault.kind() + " " + fault.mode().id()) + "]";
    }

    private static void requireSeq(long seq) {
        if (seq < 1) throw new IllegalArgumentException("seq starts at 1, got " + seq);
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    // Four decimals keep the JSON short and are finer than every sensor's noise.
    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
