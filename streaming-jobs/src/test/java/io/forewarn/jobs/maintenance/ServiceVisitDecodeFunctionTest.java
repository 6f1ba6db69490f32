package io.forewarn.jobs.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.forewarn.contracts.service.MaintenanceType;
import io.forewarn.contracts.service.ServiceMessage;
import io.forewarn.contracts.service.ServiceMessage.Phase;
import io.forewarn.ingest.source.MqttRecord;
import io.forewarn.ingest.validation.DeadLetter;
import io.forewarn.ingest.validation.RejectReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Service visits from raw MQTT records: the device comes from the topic, and what cannot be read is a dead letter with its reason. */
class ServiceVisitDecodeFunctionTest {
    static final long RECEIVED = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();

    private OneInputStreamOperatorTestHarness<MqttRecord, ServiceMessage> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forProcessFunction(new ServiceVisitDecodeFunction(256));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aVisitCarriesTheDeviceOfItsTopic() throws Exception {
        decode("devices/wh-elec-80l-0002/service",
                "{\"type\":\"PREVENTIVE_SERVICE\",\"phase\":\"STARTED\",\"at\":\"2026-03-02T07:30:00Z\",\"planId\":\"wh_anode_check\"}");
        decode("devices/wh-elec-80l-0002/service", "{\"type\":\"REPAIR\",\"deviceId\":\"wh-elec-80l-0002\",\"ticketId\":\"T-9\"}");

        assertThat(harness.extractOutputValues()).containsExactly(
                new ServiceMessage(MaintenanceType.PREVENTIVE_SERVICE, Phase.STARTED, Instant.parse("2026-03-02T07:30:00Z"), null,
                        "wh-elec-80l-0002", null, "wh_anode_check"),
                new ServiceMessage(MaintenanceType.REPAIR, Phase.FINISHED, null, "T-9", "wh-elec-80l-0002", null, null));
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void whatCannotBeReadIsADeadLetterNamingTheReasonAndTheField() throws Exception {
        decode("devices/ac-1/telemetry", "{\"type\":\"REPAIR\"}");
        decode("devices/ac-1/service", "{\"type\":");
        decode("devices/ac-1/service", "{\"ticketId\":\"T-1\"}");
        decode("devices/ac-1/service", "{\"type\":\"REPAIR\",\"at\":\"soon\"}");
        decode("devices/ac-1/service", "{\"type\":\"REPAIR\",\"deviceId\":\"ac-2\"}");
        decode("devices/ac-1/service", "{\"type\":\"REPAIR\",\"note\":\"" + "x".repeat(300) + "\"}");

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(deadLetters()).extracting(DeadLetter::reason, DeadLetter::field, DeadLetter::deviceId).containsExactly(
                tuple(RejectReason.BAD_TOPIC, null, null),
                tuple(RejectReason.INVALID_JSON, null, "ac-1"),
                tuple(RejectReason.MISSING_FIELD, "type", "ac-1"),
                tuple(RejectReason.WRONG_TYPE, "at", "ac-1"),
                tuple(RejectReason.DEVICE_MISMATCH, "deviceId", "ac-1"),
                tuple(RejectReason.OVERSIZE_PAYLOAD, null, "ac-1"));
        assertThat(deadLetters()).allSatisfy(d -> assertThat(d.receivedAt()).isEqualTo(Instant.ofEpochMilli(RECEIVED)));
        assertThat(deadLetters().get(2).payload()).asString(StandardCharsets.UTF_8).isEqualTo("{\"ticketId\":\"T-1\"}");
    }

    private void decode(String topic, String payload) throws Exception {
        harness.processElement(new StreamRecord<>(new MqttRecord(topic, payload.getBytes(StandardCharsets.UTF_8), 1, RECEIVED)));
    }

    private List<DeadLetter> deadLetters() {
        return harness.getSideOutput(ServiceVisitDecodeFunction.DEAD_LETTERS) == null ? List.of()
                : harness.getSideOutput(ServiceVisitDecodeFunction.DEAD_LETTERS).stream().map(StreamRecord::getValue).toList();
    }
}
