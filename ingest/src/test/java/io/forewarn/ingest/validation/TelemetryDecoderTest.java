package io.forewarn.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.contracts.Json;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.ingest.source.MqttRecord;
import io.forewarn.ingest.testing.BadTelemetryCorpus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TelemetryDecoderTest {
    private static final Instant NOW = BadTelemetryCorpus.NOW;
    private static final String TOPIC = "devices/ac-0001/telemetry";
    private static final long RECEIVED_AT = NOW.toEpochMilli();

    private final TelemetryDecoder decoder = new TelemetryDecoder(ProductCatalog.builtIn(), ValidationConfig.defaults());

    static Stream<Arguments> badPayloads() {
        return BadTelemetryCorpus.payloads().stream().map(p -> Arguments.of(p.file(), p.topic(), p.reason(), p.field(), p.payload()));
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @MethodSource("badPayloads")
    void everyBadPayloadOfTheCorpusIsRejectedWithItsReasonAndField(String file, String topic, RejectReason reason, String field,
                                                                  byte[] payload) {
        Decoded decoded = decoder.decode(new MqttRecord(topic, payload, 1, RECEIVED_AT), NOW);

        assertThat(decoded).isInstanceOf(DeadLetter.class);
        DeadLetter dead = (DeadLetter) decoded;
        assertThat(dead.reason()).as(dead.detail()).isEqualTo(reason);
        assertThat(dead.field()).as(dead.detail()).isEqualTo(field);
        assertThat(dead.topic()).isEqualTo(topic);
        assertThat(dead.deviceId()).isEqualTo(TelemetryMessage.deviceIdOf(topic));
        assertThat(dead.payload()).isEqualTo(payload);
        assertThat(dead.receivedAt()).isEqualTo(NOW);
        assertThat(dead.detail()).isNotBlank();
    }

    @Test
    void corpusCoversAtLeastThirtyPayloadsAndEveryDecoderReason() {
        assertThat(badPayloads().count()).isGreaterThanOrEqualTo(30);
        assertThat(badPayloads().map(a -> (RejectReason) a.get()[2]).distinct())
                .containsAll(Stream.of(RejectReason.values())
                        // Decided by the decode function with a registry, or by a decoder bug: not by the payload.
                        .filter(r -> r != RejectReason.UNKNOWN_DEVICE && r != RejectReason.QUARANTINED_UNKNOWN_DEVICE
                                && r != RejectReason.DECODER_ERROR)
                        .toList());
    }

    @Test
    void aMessageWrittenWithTheSharedJsonMappingDecodesToTheSameMessage() {
        Map<String, TelemetryMessage.Metric> metrics = new LinkedHashMap<>();
        metrics.put("compressor_current", new TelemetryMessage.Metric(4.2, "A"));
        metrics.put("vibration_rms", new TelemetryMessage.Metric(1.1, "mm/s"));
        metrics.put("suction_pressure", new TelemetryMessage.Metric(5.5, "bar"));
        metrics.put("discharge_temp", new TelemetryMessage.Metric(72.5, "°C"));
        metrics.put("suction_line_temp", new TelemetryMessage.Metric(12.0, "°C"));
        metrics.put("evaporator_temp", new TelemetryMessage.Metric(6.5, "°C"));
        metrics.put("airflow", new TelemetryMessage.Metric(530, "m3/h"));
        TelemetryMessage sent = new TelemetryMessage(1, "ac-0001", "AC-INV-12K", Instant.parse("2025-06-01T11:55:00Z"), 42, metrics);

        Decoded decoded = decode(TOPIC, Json.write(sent));

        assertThat(decoded).isEqualTo(new Decoded.Accepted(sent));
    }

    @Test
    void aVersion2MessageWithItsOperatingModeDecodesToTheSameMessage() {
        TelemetryMessage sent = new TelemetryMessage(2, "wm-3", "WM-FL-9KG", Instant.parse("2025-06-01T11:55:00Z"), 7, "spin",
                Map.of("drum_vibration", new TelemetryMessage.Metric(0.45, "g")));

        String json = Json.write(sent);
        Decoded decoded = decode("devices/wm-3/telemetry", json);

        assertThat(json).contains("\"mode\":\"spin\"");
        assertThat(decoded).isEqualTo(new Decoded.Accepted(sent));
    }

    @Test
    void aVersion2MessageMayLeaveTheModeOutOrNull_andAVersion1MessageHasNone() {
        String metrics = "\"metrics\":{\"airflow\":{\"value\":530,\"unit\":\"m3/h\"}}";
        String head = "\"deviceId\":\"ac-0001\",\"productModel\":\"AC-INV-12K\",\"eventTime\":\"2025-06-01T11:55:00Z\",\"seq\":1";
        for (String json : new String[] {
                "{\"schemaVersion\":2," + head + "," + metrics + "}",
                "{\"schemaVersion\":2," + head + ",\"mode\":null," + metrics + "}",
                "{\"schemaVersion\":1," + head + "," + metrics + "}"}) {
            Decoded decoded = decode(TOPIC, json);

            assertThat(decoded).as(json).isInstanceOf(Decoded.Accepted.class);
            TelemetryMessage message = ((Decoded.Accepted) decoded).message();
            assertThat(message.mode()).as(json).isNull();
            // A reading that says no mode is scored, like every reading before modes existed.
            assertThat(ProductCatalog.builtIn().require("AC-INV-12K").isMonitored(message.mode())).isTrue();
        }
    }

    @Test
    void everyCatalogModeOfTheProductModelIsAccepted_andAnUnknownOneIsRejectedNamingTheModelsModes() {
        for (String mode : new String[] {"off", "idle", "running", "defrost"}) {
            Decoded decoded = decode(TOPIC, withMode(mode));
            assertThat(decoded).as(mode).isInstanceOf(Decoded.Accepted.class);
            assertThat(((Decoded.Accepted) decoded).message().mode()).isEqualTo(mode);
        }

        Decoded decoded = decode(TOPIC, withMode("spin"));

        assertThat(decoded).isInstanceOf(DeadLetter.class);
        DeadLetter dead = (DeadLetter) decoded;
        assertThat(dead.reason()).isEqualTo(RejectReason.UNKNOWN_MODE);
        assertThat(dead.field()).isEqualTo("mode");
        assertThat(dead.detail()).contains("'spin'", "AC-INV-12K", "off, idle, running, defrost");
    }

    @Test
    void aVersion3MessageIsRejectedNamingTheVersionsThisBuildReads() {
        Decoded decoded = decode(TOPIC, withMode("running").replace("\"schemaVersion\":2", "\"schemaVersion\":3"));

        assertThat(decoded).isInstanceOf(DeadLetter.class);
        assertThat(((DeadLetter) decoded).reason()).isEqualTo(RejectReason.UNKNOWN_SCHEMA_VERSION);
        assertThat(((DeadLetter) decoded).detail()).contains("versions 1 to 2");
    }

    @Test
    void aDeviceMayOmitSensorsAsLongAsOneMetricIsSent() {
        Decoded decoded = decode("devices/wh-7/telemetry", """
                {"schemaVersion":1,"deviceId":"wh-7","productModel":"WH-ELEC-80L","eventTime":"2025-06-01T11:59:59Z",
                 "seq":0,"metrics":{"water_temp":{"value":61.5,"unit":"°C"}}}""");

        assertThat(decoded).isInstanceOf(Decoded.Accepted.class);
        TelemetryMessage message = ((Decoded.Accepted) decoded).message();
        assertThat(message.seq()).isZero();
        assertThat(message.metrics()).containsOnlyKeys("water_temp");
        assertThat(message.metrics().get("water_temp")).isEqualTo(new TelemetryMessage.Metric(61.5, "°C"));
    }

    @Test
    void valuesExactlyOnThePhysicalLimitsAndIntegerValuesAreAccepted() {
        Decoded decoded = decode(TOPIC, """
                {"schemaVersion":1,"deviceId":"ac-0001","productModel":"AC-INV-12K","eventTime":"2025-06-01T12:00:00Z",
                 "seq":9223372036854775807,"metrics":{"airflow":{"value":2000,"unit":"m3/h"},
                 "discharge_temp":{"value":-40,"unit":"°C"}}}""");

        assertThat(decoded).isInstanceOf(Decoded.Accepted.class);
        TelemetryMessage message = ((Decoded.Accepted) decoded).message();
        assertThat(message.seq()).isEqualTo(Long.MAX_VALUE);
        assertThat(message.metrics().get("airflow").value()).isEqualTo(2000.0);
        assertThat(message.metrics().get("discharge_temp").value()).isEqualTo(-40.0);
    }

    @Test
    void eventTimeWithinTheAllowedFutureSkewIsAccepted() {
        assertThat(decode(TOPIC, withEventTime("2025-06-01T12:04:59Z"))).isInstanceOf(Decoded.Accepted.class);
        assertThat(decode(TOPIC, withEventTime("2025-06-01T12:05:01Z"))).isInstanceOf(DeadLetter.class);
    }

    @Test
    void turningTheFutureSkewCheckOffAcceptsSimulatedTimeDaysAhead() {
        TelemetryDecoder lenient = new TelemetryDecoder(ProductCatalog.builtIn(),
                new ValidationConfig(16_384, Duration.ZERO, Duration.ofDays(7), ValidationConfig.ReferenceClock.WALL_CLOCK));

        Decoded decoded = lenient.decode(new MqttRecord(TOPIC, withEventTime("2025-06-20T00:00:00Z").getBytes(StandardCharsets.UTF_8), 1, RECEIVED_AT), NOW);

        assertThat(decoded).isInstanceOf(Decoded.Accepted.class);
    }

    @Test
    void theAgeLimitIsMeasuredFromTheGivenNow() {
        String payload = withEventTime("2025-05-01T00:00:00Z");
        assertThat(decode(TOPIC, payload)).isInstanceOf(DeadLetter.class);

        Decoded decoded = decoder.decode(new MqttRecord(TOPIC, payload.getBytes(StandardCharsets.UTF_8), 1, RECEIVED_AT),
                Instant.parse("2025-05-02T00:00:00Z"));

        assertThat(decoded).isInstanceOf(Decoded.Accepted.class);
    }

    @Test
    void aNullPayloadIsADeadLetterNotAnException() {
        Decoded decoded = decoder.decode(new MqttRecord(TOPIC, null, 0, RECEIVED_AT), NOW);

        assertThat(decoded).isInstanceOf(DeadLetter.class);
        assertThat(((DeadLetter) decoded).reason()).isEqualTo(RejectReason.INVALID_JSON);
    }

    private Decoded decode(String topic, String json) {
        return decoder.decode(new MqttRecord(topic, json.getBytes(StandardCharsets.UTF_8), 1, RECEIVED_AT), NOW);
    }

    private static String withEventTime(String eventTime) {
        return """
                {"schemaVersion":1,"deviceId":"ac-0001","productModel":"AC-INV-12K","eventTime":"%s",
                 "seq":1,"metrics":{"airflow":{"value":530,"unit":"m3/h"}}}""".formatted(eventTime);
    }

    private static String withMode(String mode) {
        return """
                {"schemaVersion":2,"deviceId":"ac-0001","productModel":"AC-INV-12K","eventTime":"2025-06-01T11:55:00Z",
                 "seq":1,"mode":"%s","metrics":{"airflow":{"value":530,"unit":"m3/h"}}}""".formatted(mode);
    }
}
