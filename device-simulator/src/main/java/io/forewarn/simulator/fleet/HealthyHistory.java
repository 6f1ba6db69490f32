package io.forewarn.simulator.fleet;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.simulator.Seeds;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Telemetry of healthy devices of one product model, produced by the same generator as the live fleet (no MQTT):
 * every reading ({@link #generate}), or the readings in monitored modes that the anomaly model is trained on at
 * start-up ({@link #monitored}).
 */
public final class HealthyHistory {
    /** Sim start of a generated history when none is given. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");
    /** Readings in a monitored mode a training history should hold at least: enough to calibrate a threshold. */
    public static final int TRAINING_READINGS = 5_000;
    /** A history is lengthened to at most this many times the span asked for to reach its readings. */
    static final int MAX_LENGTHENING = 32;

    // Keeps history devices apart from live-fleet devices built with the same seed.
    private static final long HISTORY_STREAM = 0x4157;

    private HealthyHistory() {}

    /** {@link #generate(ProductCatalog, ProductModel, int, Duration, long, Instant)} from {@link #DEFAULT_START}. */
    public static List<TelemetryMessage> generate(ProductCatalog catalog, ProductModel model, int devices, Duration span, long seed) {
        return generate(catalog, model, devices, span, seed, DEFAULT_START);
    }

    /**
     * Every reading, in every operating mode, of {@code devices} healthy devices of {@code model} over {@code span}
     * from {@code start} (eventTime ≤ start + span), ordered by event time then device id.
     */
    public static List<TelemetryMessage> generate(ProductCatalog catalog, ProductModel model, int devices, Duration span, long seed, Instant start) {
        return readings(catalog, model, devices, span, seed, start, m -> true);
    }

    /**
     * The readings in a monitored operating mode (the ones the anomaly model scores, so the ones to train it on) of
     * {@code devices} healthy devices of {@code model} from {@link #DEFAULT_START}, over {@code span} or, when that
     * gives fewer than {@code minimumReadings}, over a whole multiple of it long enough to give them (at most
     * {@value #MAX_LENGTHENING} times {@code span}): a washing machine spins for a few minutes a day, a pump runs for
     * hours. Ordered by event time then device id.
     */
    public static List<TelemetryMessage> monitored(ProductCatalog catalog, ProductModel model, int devices, Duration span,
                                                   int minimumReadings, long seed) {
        Predicate<TelemetryMessage> monitored = m -> model.isMonitored(m.mode());
        List<TelemetryMessage> readings = readings(catalog, model, devices, span, seed, DEFAULT_START, monitored);
        if (readings.size() >= minimumReadings || readings.isEmpty()) {
            return readings;
        }
        // A tenth more than the first span's rate says, as usage varies from day to day.
        long times = Math.min(MAX_LENGTHENING, (long) Math.ceil(1.1 * minimumReadings / readings.size()));
        return readings(catalog, model, devices, span.multipliedBy(times), seed, DEFAULT_START, monitored);
    }

    private static List<TelemetryMessage> readings(ProductCatalog catalog, ProductModel model, int devices, Duration span, long seed,
                                                   Instant start, Predicate<TelemetryMessage> keep) {
        ProductModel known = catalog.require(model.id());
        if (devices < 1) throw new IllegalArgumentException("devices must be at least 1, got " + devices);
        if (span.isNegative() || span.isZero()) throw new IllegalArgumentException("span must be positive, got " + span);
        LocalDate today = LocalDate.ofInstant(start, ZoneOffset.UTC);
        long historySeed = Seeds.mix(seed, HISTORY_STREAM);
        Instant end = start.plus(span);
        List<TelemetryMessage> out = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            SimulatedDevice device = Fleet.device(known, Fleet.deviceId(known, i + 1), i, historySeed, start, today);
            long last = device.lastSeqAt(end);
            for (long seq = 1; seq <= last; seq++) {
                TelemetryMessage m = device.message(seq);
                if (keep.test(m)) out.add(m);
            }
        }
        out.sort(Comparator.comparing(TelemetryMessage::eventTime).thenComparing(TelemetryMessage::deviceId));
        return out;
    }
}
