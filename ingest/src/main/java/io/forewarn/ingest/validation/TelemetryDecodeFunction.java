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
 * <p>Metrics under {@code telemetry}: {@code recordsIn}, {@code recordsOut}, {@code deadLetters} and one
 * counter per reason under {@code telemetry.rejected} (e.g. {@code rejected.unit_mismatch}).
 */
public class TelemetryDecodeFunction extends ProcessFunction<MqttRecord, TelemetryMessage> {
    private static final long serialVersionUID = 1L;

    /** Rejected messages, with reason code and offending field. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private final ValidationConfig config;
    private final SerializableSupplier<ProductCatalog> catalog;

    private transient TelemetryDecoder decoder;
    private transient Counter recordsIn;
    private transient Counter recordsOut;
    private transient Counter deadLetters;
    private transient Map<RejectReason, Counter> rejected;
    private transient long maxEventTimeMillis;

    /** Validates against the catalog of {@link ProductCatalog#load()} ({@code FOREWARN_CATALOG} or the built-in one). */
    public TelemetryDecodeFunction(ValidationConfig config) {
        this(config, ProductCatalog::load);
    }

    /** @param catalog called once per parallel instance when it opens */
    public TelemetryDecodeFunction(ValidationConfig config, SerializableSupplier<ProductCatalog> catalog) {
        this.config = config;
        this.catalog = catalog;
    }

    @Override
    public void open(OpenContext openContext) {
        decoder = new TelemetryDecoder(catalog.get(), config);
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("telemetry");
        recordsIn = group.counter("recordsIn");
        recordsOut = group.counter("recordsOut");
        deadLetters = group.counter("deadLetters");
        MetricGroup byReason = group.addGroup("rejected");
        rejected = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, byReason.counter(reason.name().toLowerCase(Locale.ROOT)));
        }
        maxEventTimeMillis = Long.MIN_VALUE;
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

    private Instant now(Context ctx) {
        long wallClock = ctx.timerService().currentProcessingTime();
        if (config.referenceClock() == ValidationConfig.ReferenceClock.MAX_EVENT_TIME && maxEventTimeMillis != Long.MIN_VALUE) {
            return Instant.ofEpochMilli(maxEventTimeMillis);
        }
        return Instant.ofEpochMilli(wallClock);
    }
}
