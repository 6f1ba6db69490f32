package io.forewarn.jobs;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.service.ServiceMessage;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.ingest.source.MqttRecord;
import io.forewarn.ingest.source.MqttSource;
import io.forewarn.ingest.validation.TelemetryDecodeFunction;
import io.forewarn.jobs.decisions.PreventivePlans;
import io.forewarn.jobs.decisions.ServiceRecord;
import io.forewarn.jobs.decisions.TicketDecisions;
import io.forewarn.jobs.directory.DeviceDirectory;
import io.forewarn.jobs.features.DeviceFeatures;
import io.forewarn.jobs.maintenance.ServiceVisitDecodeFunction;
import io.forewarn.jobs.models.AnomalyScoring;
import io.forewarn.jobs.models.ModelDirectoryWatch;
import io.forewarn.jobs.models.ModelVersions;
import io.forewarn.jobs.prediction.FailurePrediction;
import io.forewarn.jobs.readings.DuplicateFilter;
import io.forewarn.jobs.readings.ReadingEventTime;
import io.forewarn.jobs.sinks.ServiceRecordSink;
import io.forewarn.jobs.sinks.TelemetrySink;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The predictive-maintenance job, as a story: telemetry arrives over MQTT, is decoded and validated (rejects go to
 * the dead letters), deduplicated, stored as time series, smoothed into features and scored against the device's
 * own baseline, scored by the product model's live anomaly model (a new version takes over without a restart),
 * turned into failure predictions, and those into tickets and customer reminders. Service visits arrive over MQTT too: while a device is being serviced its
 * predictions are recorded but act on nothing, and its use (runtime hours, cycles) is counted against the catalog's
 * maintenance plans, which open preventive tickets when due. See docs/maintenance.md.
 */
public final class PredictiveMaintenanceJob {
    public static final String NAME = "forewarn-predictive-maintenance";

    private PredictiveMaintenanceJob() {}

    /** Adds the job, reading telemetry and (unless switched off) service visits from MQTT as configured, to {@code env}. */
    public static void define(StreamExecutionEnvironment env, JobConfig config, ProductCatalog catalog, DeviceDirectory directory) {
        MqttSource source = MqttSource.builder().setConfig(config.mqtt()).build();
        DataStream<MqttRecord> raw = env.fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt-telemetry");
        DataStream<MqttRecord> service = config.maintenance().visits() == null ? null
                // A visit is a rare message: one reader is plenty.
                : env.fromSource(MqttSource.builder().setConfig(config.maintenance().visits()).build(),
                        WatermarkStrategy.noWatermarks(), "mqtt-service-visits").setParallelism(1);
        define(raw, service, config, catalog, directory);
    }

    /** Adds the job downstream of any stream of raw telemetry records (tests and replays feed their own); it hears of no visits. */
    public static void define(DataStream<MqttRecord> raw, JobConfig config, ProductCatalog catalog, DeviceDirectory directory) {
        define(raw, null, config, catalog, directory);
    }

    /**
     * Adds the job downstream of raw telemetry records and raw service-visit records ({@code devices/{id}/service});
     * {@code service} may be null: no visits, so no device is ever under maintenance.
     */
    public static void define(DataStream<MqttRecord> raw, DataStream<MqttRecord> service, JobConfig config, ProductCatalog catalog,
                              DeviceDirectory directory) {
        configure(raw.getExecutionEnvironment());
        SingleOutputStreamOperator<TelemetryMessage> decoded = raw
                .process(new TelemetryDecodeFunction(config.validation(), () -> catalog, directory)).name("decode-and-validate");

        DataStream<TelemetryMessage> readings = decoded
                .assignTimestampsAndWatermarks(ReadingEventTime.watermarks())
                .keyBy(TelemetryMessage::deviceId)
                .process(new DuplicateFilter()).name("drop-duplicates");

        readings.sinkTo(new TelemetrySink(config.timeSeries())).name("telemetry-to-time-series");

        SingleOutputStreamOperator<ServiceMessage> visits = (service != null ? service : noRecords(raw.getExecutionEnvironment()))
                .process(new ServiceVisitDecodeFunction(config.validation().maxPayloadBytes())).name("decode-service-visits");
        DataStream<ServiceMessage> visitsInEventTime = visits.assignTimestampsAndWatermarks(neverHoldsBackEventTime());

        DataStream<ServiceRecord> decisions = readings
                .keyBy(TelemetryMessage::deviceId)
                .process(new DeviceFeatures(catalog, config.forgetSilentDevicesAfter(), config.baseline())).name("features")
                .connect(liveModels(raw.getExecutionEnvironment(), config))
                .process(new AnomalyScoring(config.modelDirectory())).name("anomaly-score")
                .keyBy(scored -> scored.features().deviceId())
                .process(new FailurePrediction(catalog, config.modelDirectory())).name("predict-failures")
                .keyBy(episode -> episode.prediction().deviceId())
                .connect(visitsInEventTime.keyBy(ServiceMessage::deviceId))
                .process(new TicketDecisions(catalog, directory, config.bookingUrl(), config.maintenance())).name("ticket-decisions");

        DataStream<ServiceRecord> preventive = readings
                .keyBy(TelemetryMessage::deviceId)
                .connect(visitsInEventTime.keyBy(ServiceMessage::deviceId))
                .process(new PreventivePlans(catalog, directory, config.bookingUrl(), config.maintenance())).name("preventive-plans");

        DataStream<ServiceRecord> deadLetters = decoded.getSideOutput(TelemetryDecodeFunction.DEAD_LETTERS)
                .union(visits.getSideOutput(ServiceVisitDecodeFunction.DEAD_LETTERS))
                .map(ServiceRecord::of).returns(ServiceRecord.class).name("dead-letters");

        decisions.union(preventive, deadLetters)
                .sinkTo(new ServiceRecordSink(config.jdbc(), 100)).name("service-records-to-postgres");
    }

    /**
     * The job's execution settings, which benchmarks of its parts apply too. Object reuse: without it Flink copies
     * every record between chained operators (for telemetry, through reflection, map and metric records included:
     * about 2 µs per reading, a third of the telemetry sink's path). Safe here because what the job's operators hand
     * each other (raw MQTT records, {@link TelemetryMessage}, service records, predictions) are records built anew
     * for each output and never changed afterwards, by the operator that emitted them or by any that receives them;
     * an operator added to the job must keep to that (never mutate an input, never reuse an emitted object).
     */
    public static void configure(StreamExecutionEnvironment env) {
        env.getConfig().enableObjectReuse();
    }

    /**
     * Which model file is live per product model, broadcast to the scoring: the model directory watched every
     * {@code modelReloadInterval}, or (reloading off, as in bounded replays) nothing beyond what is on disk at start.
     * This input never holds back event time.
     */
    private static BroadcastStream<ModelVersions> liveModels(StreamExecutionEnvironment env, JobConfig config) {
        DataStream<ModelVersions> versions = config.modelReloadInterval().isZero()
                ? env.fromData(new ModelVersions(Map.of())).assignTimestampsAndWatermarks(neverHoldsBackEventTime())
                : env.fromSource(ModelDirectoryWatch.every(config.modelDirectory(), config.modelReloadInterval()),
                        neverHoldsBackEventTime(), "model-directory").setParallelism(1);
        return versions.broadcast(AnomalyScoring.LIVE_MODELS);
    }

    /** A bounded stream of no records. (Flink has no empty source, and one made from an empty collection fails.) */
    private static DataStream<MqttRecord> noRecords(StreamExecutionEnvironment env) {
        return env.fromSequence(0, 0).<MqttRecord>flatMap((n, out) -> {}).returns(MqttRecord.class).name("no-service-visits");
    }

    /**
     * For inputs that are not telemetry (model versions, service visits): they carry no event-time progress of their
     * own, so they never hold back the event time of the telemetry they meet.
     */
    private static <T> WatermarkStrategy<T> neverHoldsBackEventTime() {
        return WatermarkStrategy.forGenerator(ctx -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(T event, long timestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.emitWatermark(new Watermark(Long.MAX_VALUE));
            }
        });
    }
}
