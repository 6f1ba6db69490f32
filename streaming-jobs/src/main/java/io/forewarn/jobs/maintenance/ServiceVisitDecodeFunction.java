package io.forewarn.jobs.maintenance;

import io.forewarn.contracts.service.ServiceMessage;
import io.forewarn.ingest.source.MqttRecord;
import io.forewarn.ingest.validation.DeadLetter;
import io.forewarn.ingest.validation.RejectReason;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes the raw records of {@code devices/{deviceId}/service} into service visits, each carrying its device's id
 * from the topic; anything else goes to the {@link #DEAD_LETTERS} with the reason and the field at fault, as rejected
 * telemetry does. Metrics under {@code serviceVisits}: {@code recordsIn}, {@code visits}, {@code deadLetters}.
 */
public class ServiceVisitDecodeFunction extends ProcessFunction<MqttRecord, ServiceMessage> {
    private static final long serialVersionUID = 1L;

    /** Service messages that could not be read. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("service-dead-letters", TypeInformation.of(DeadLetter.class));

    private final int maxPayloadBytes;
    private transient Counter recordsIn;
    private transient Counter visits;
    private transient Counter deadLetters;

    /** @param maxPayloadBytes larger payloads are rejected, as for telemetry */
    public ServiceVisitDecodeFunction(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("serviceVisits");
        recordsIn = group.counter("recordsIn");
        visits = group.counter("visits");
        deadLetters = group.counter("deadLetters");
    }

    @Override
    public void processElement(MqttRecord record, Context ctx, Collector<ServiceMessage> out) {
        recordsIn.inc();
        String deviceId = record.topic() == null ? null : ServiceMessage.deviceIdOf(record.topic());
        try {
            out.collect(decode(record, deviceId));
            visits.inc();
        } catch (Rejected r) {
            deadLetters.inc();
            ctx.output(DEAD_LETTERS, new DeadLetter(record.topic(), deviceId, r.reason, r.field, r.getMessage(),
                    record.payload(), Instant.ofEpochMilli(record.receivedAtMillis())));
        }
    }

    private ServiceMessage decode(MqttRecord record, String deviceId) {
        if (record.payload().length > maxPayloadBytes) {
            throw new Rejected(RejectReason.OVERSIZE_PAYLOAD, null,
                    "payload of " + record.payload().length + " bytes exceeds " + maxPayloadBytes);
        }
        if (deviceId == null) {
            throw new Rejected(RejectReason.BAD_TOPIC, null, "topic '" + record.topic() + "' is not devices/{deviceId}/service");
        }
        ServiceMessage message;
        try {
            message = ServiceMessage.parse(record.payload());
        } catch (ServiceMessage.Invalid e) {
            throw new Rejected(RejectReason.valueOf(e.problem().name()), e.field(), e.getMessage());
        }
        if (message.deviceId() != null && !message.deviceId().equals(deviceId)) {
            throw new Rejected(RejectReason.DEVICE_MISMATCH, "deviceId",
                    "deviceId '" + message.deviceId() + "' differs from the topic's device '" + deviceId + "'");
        }
        return message.withDeviceId(deviceId);
    }

    /** Why a record is not a service visit. */
    private static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final RejectReason reason;
        final String field;

        Rejected(RejectReason reason, String field, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
            this.field = field;
        }
    }
}
