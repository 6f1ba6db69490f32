package io.forewarn.ingest.validation;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.ingest.source.MqttRecord;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * Decodes and validates raw MQTT records: valid telemetry goes to the main output, everything else to the
 * {@link #DEAD_LETTERS} side output. Never fails the job on input; even a decoder bug becomes a dead letter
 * ({@link RejectReason#DECODER_ERROR}).
 *
 * <p>Telemetry that passed validation is then checked against the {@link DeviceRegistry} when
 * {@link ValidationConfig#unknownDevices()} is {@link UnknownDevicePolicy#REJECT} or
 * {@link UnknownDevicePolicy#QUARANTINE}; answers are cached for {@link ValidationConfig#deviceCacheTtl()}.
 *
 * <p>Metrics under {@code telemetry}: {@code recordsIn}, {@code recordsOut}, {@code deadLetters}, one counter per
 * reason under {@code telemetry.rejected} (e.g. {@code rejected.unit_mismatch}) and {@code registryLookups}
 * (queries that missed the cache).
 */
public class TelemetryDecodeFunction extends ProcessFunction<MqttRecord, TelemetryMessage> {
    private static final long serialVersionUID = 1L;

    /** Rejected messages, with reason code and offending field. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    /** Devices whose registry answers are cached per parallel instance; beyond it the least recently seen go. */
    static final int MAX_CACHED_DEVICES = 100_000;

    private final ValidationConfig config;
    private final SerializableSupplier<ProductCatalog> catalog;
    private final DeviceRegistry registry;

    private transient TelemetryDecoder decoder;
    private transient RegisteredDevicesCache registeredDevices;
    private transient Counter registryLookups;
    private transient Counter recordsIn;
    private transient Counter recordsOut;
    private transient Counter deadLetters;
    private transient Map<RejectReason, Counter> rejected;
    private transient long maxEventTimeMillis;

    /** Validates against the catalog of {@link ProductCatalog#load()} ({@code FOREWARN_CATALOG} or the built-in one). */
    public TelemetryDecodeFunction(ValidationConfig config) {
        this(config, ProductCatalog::load);
    }

    /**
     * Without a device registry: only {@link UnknownDevicePolicy#ACCEPT} is possible.
     *
     * @param catalog called once per parallel instance when it opens
     */
    public TelemetryDecodeFunction(ValidationConfig config, SerializableSupplier<ProductCatalog> catalog) {
        this(config, catalog, null);
    }

    /**
     * @param catalog called once per parallel instance when it opens
     * @param registry consulted for valid telemetry when the policy is not {@link UnknownDevicePolicy#ACCEPT};
     *     may be null with {@code ACCEPT}
     * @throws IllegalArgumentException when the policy needs a registry and none is given
     */
    public TelemetryDecodeFunction(ValidationConfig config, SerializableSupplier<ProductCatalog> catalog, DeviceRegistry registry) {
        if (config.unknownDevices() != UnknownDevicePolicy.ACCEPT && registry == null) {
            throw new IllegalArgumentException("FOREWARN_INGEST_UNKNOWN_DEVICES=" + config.unknownDevices().name().toLowerCase(Locale.ROOT)
                    + " needs a device registry, and the job gave the decode function none; use accept, or give it one");
        }
        this.config = config;
        this.catalog = catalog;
        this.registry = registry;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        decoder = new TelemetryDecoder(catalog.get(), config);
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("telemetry");
        recordsIn = group.counter("recordsIn");
        recordsOut = group.counter("recordsOut");
        deadLetters = group.counter("deadLetters");
        registryLookups = group.counter("registryLookups");
        MetricGroup byReason = group.addGroup("rejected");
        rejected = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, byReason.counter(reason.name().toLowerCase(Locale.ROOT)));
        }
        maxEventTimeMillis = Long.MIN_VALUE;
        if (checksRegistry()) {
            registry.open();
            registeredDevices = new RegisteredDevicesCache(registry, config.deviceCacheTtl().toMillis(), MAX_CACHED_DEVICES, registryLookups);
        }
    }

    @Override
    public void processElement(MqttRecord record, Context ctx, Collector<TelemetryMessage> out) {
        recordsIn.inc();
        Decoded decoded;
        try {
            decoded = decoder.decode(record, now(ctx));
        } catch (RuntimeException e) {
            decoded = new DeadLetter(record.topic(), record.topic() == null ? null : TelemetryMessage.deviceIdOf(record.topic()),
                    RejectReason.DECODER_ERROR, null, e.toString(), record.payload(), Instant.ofEpochMilli(record.receivedAtMillis()));
        }
        if (decoded instanceof Decoded.Accepted accepted && checksRegistry()) {
            decoded = unlessUnknown(accepted, record, ctx.timerService().currentProcessingTime());
        }
        if (decoded instanceof Decoded.Accepted accepted) {
            maxEventTimeMillis = Math.max(maxEventTimeMillis, accepted.message().eventTime().toEpochMilli());
            recordsOut.inc();
            out.collect(accepted.message());
        } else {
            DeadLetter dead = (DeadLetter) decoded;
            deadLetters.inc();
            rejected.get(dead.reason()).inc();
            ctx.output(DEAD_LETTERS, dead);
        }
    }

    private boolean checksRegistry() {
        return config.unknownDevices() != UnknownDevicePolicy.ACCEPT;
    }

    /** The accepted message, or a dead letter by the policy when its device is not registered. */
    private Decoded unlessUnknown(Decoded.Accepted accepted, MqttRecord record, long nowMillis) {
        String deviceId = accepted.message().deviceId();
        if (registeredDevices.isRegistered(deviceId, nowMillis)) {
            return accepted;
        }
        boolean quarantine = config.unknownDevices() == UnknownDevicePolicy.QUARANTINE;
        return new DeadLetter(record.topic(), deviceId,
                quarantine ? RejectReason.QUARANTINED_UNKNOWN_DEVICE : RejectReason.UNKNOWN_DEVICE, "deviceId",
                quarantine
                        ? "device '" + deviceId + "' is not registered; quarantined with its payload, to replay once it is"
                        : "device '" + deviceId + "' is not registered",
                record.payload(), Instant.ofEpochMilli(record.receivedAtMillis()));
    }

    @Override
    public void close() throws Exception {
        if (registry != null && registeredDevices != null) {
            registry.close();
        }
    }

    private Instant now(Context ctx) {
        long wallClock = ctx.timerService().currentProcessingTime();
        if (config.referenceClock() == ValidationConfig.ReferenceClock.MAX_EVENT_TIME && maxEventTimeMillis != Long.MIN_VALUE) {
            return Instant.ofEpochMilli(maxEventTimeMillis);
        }
        return Instant.ofEpochMilli(wallClock);
    }
}
