package io.forewarn.launcher.bench;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.jobs.baseline.BaselineSettings;
import io.forewarn.jobs.baseline.DeviceBaseline;
import io.forewarn.jobs.features.FeatureLayout;
import io.forewarn.jobs.features.FeatureVector;
import io.forewarn.jobs.features.RollingFeatures;
import io.forewarn.jobs.models.ModelTrainer;
import io.forewarn.jobs.models.ScoredReading;
import io.forewarn.jobs.models.TrainedModel;
import io.forewarn.jobs.prediction.DevicePrognosis;
import io.forewarn.jobs.prediction.SignatureMatch;
import io.forewarn.jobs.readings.DuplicateFilter;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetConfig;
import io.forewarn.simulator.fleet.HealthyHistory;
import io.forewarn.simulator.fleet.SimulatedDevice;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code ./forewarn bench scoring}: the cost of scoring one reading (JMH) and the bytes of keyed state the job keeps
 * per device, serialised as Flink checkpoints them.
 */
public final class ScoringBench {
    private ScoringBench() {}

    public static int run(String[] args, PrintStream out) throws Exception {
        out.println("JMH: per-reading cost of the prediction path (1 fork, 3 x 1 s warm-up, 5 x 1 s measured)");
        Options options = new OptionsBuilder()
                .include(ScoringCostBenchmark.class.getName())
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xmx1g")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        out.println();
        out.printf("%-26s %-16s %12s %10s%n", "benchmark", "product model", "µs/op", "± error");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
            out.printf("%-26s %-16s %12.2f %10.2f%n", name, r.getParams().getParam("productModel"),
                    r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError());
        }
        out.println();
        stateSizes(out);
        return 0;
    }

    /** Bytes of each per-device state after a week of readings, for a healthy and a degrading device. */
    static void stateSizes(PrintStream out) throws IOException {
        ProductCatalog catalog = ProductCatalog.builtIn();
        Fleet fleet = Fleet.create(catalog, FleetConfig.defaults().withDegradingDevices(4).withDevices(8)
                .withStart(Instant.parse("2026-01-05T00:00:00Z")));
        out.printf("%-34s %-16s %10s %10s %10s %10s %8s%n", "keyed state per device (bytes)", "device", "features", "baseline", "prognosis", "dedupe", "total");
        for (SimulatedDevice device : fleet.devices().subList(0, 8)) {
            ProductModel model = device.model();
            FeatureLayout layout = FeatureLayout.of(model);
            SignatureMatch match = new SignatureMatch(layout, model.failureModes());
            TrainedModel trained = ModelTrainer.train(model, HealthyHistory.monitored(catalog, model, 6, Duration.ofDays(2), 2_000, 3), 1,
                    "state-size", ModelTrainer.DEFAULT_FALSE_ALARM_RATE);
            RollingFeatures features = new RollingFeatures();
            DeviceBaseline baseline = new DeviceBaseline(BaselineSettings.defaults(), layout.sensorCount());

            DevicePrognosis prognosis = new DevicePrognosis(match.modeCount());
            DuplicateFilter.SeenSequences seen = new DuplicateFilter.SeenSequences();
            long week = Duration.ofDays(7).toSeconds() / model.sampleIntervalSeconds();
            for (long seq = 1; seq <= week; seq++) {
                TelemetryMessage m = device.message(seq);
                seen.firstSighting(m.seq(), m.eventTime().toEpochMilli());
                if (!layout.isMonitored(m.mode())) {
                    continue; // stored, but not smoothed, scored or judged: as the job does
                }
                FeatureVector v = features.update(layout, m);
                baseline.score(layout.sensorNames(), layout.sensorReadings(m));
                prognosis.observe(new ScoredReading(v, trained.score(v.normalised()), trained.threshold(), trained.version()),
                        model, layout, match);
            }
            int f = bytes(RollingFeatures.class, features);
            int b = bytes(DeviceBaseline.class, baseline);
            int p = bytes(DevicePrognosis.class, prognosis);
            int d = bytes(DuplicateFilter.SeenSequences.class, seen);
            out.printf("%-34s %-16s %10d %10d %10d %10d %8d%n", device.fault().isPresent() ? "degrading" : "healthy",
                    device.deviceId(), f, b, p, d, f + b + p + d);
        }
        out.println("(plus 8 bytes for the silence timer, and an open ticket per failure mode while one is open)");
    }

    private static <T> int bytes(Class<T> type, T value) throws IOException {
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer buffer = new DataOutputSerializer(1024);
        serializer.serialize(value, buffer);
        return buffer.length();
    }
}
