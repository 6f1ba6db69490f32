package io.forewarn.ingest.validation;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.forewarn.contracts.catalog.OperatingMode;
import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.catalog.SensorSpec;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import io.forewarn.ingest.source.MqttRecord;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the raw payload of a telemetry topic into a {@link TelemetryMessage}, or into a {@link DeadLetter} that
 * names the reason and the offending field. Pure: no I/O, no clock ("now" is a parameter), safe to share
 * between threads.
 *
 * <p>The wire format (schema versions 1 and 2) is strict:
 * <ul>
 *   <li>{@code schemaVersion} is an integer major version, {@link TelemetryMessage#OLDEST_SCHEMA_VERSION} to
 *       {@link TelemetryMessage#SCHEMA_VERSION}. A new field means a new version, so fields the message's version
 *       does not define (at the top level, and unknown keys inside a metric) are rejected as
 *       {@link RejectReason#UNKNOWN_FIELD} rather than silently dropped.</li>
 *   <li>A required field that is absent or JSON {@code null} is {@link RejectReason#MISSING_FIELD}.</li>
 *   <li>Version 2 adds the optional {@code mode}: one of the product model's catalog operating modes
 *       ({@link RejectReason#UNKNOWN_MODE} otherwise); absent or {@code null}, the reading says no mode.</li>
 *   <li>Devices may omit single sensors, but must send at least one metric; each must be a sensor of its
 *       product model in the catalog, with the catalog's unit, a finite value, within the physical range.</li>
 *   <li>Bare {@code NaN}/{@code Infinity} tokens and numbers that overflow a double are {@link RejectReason#NOT_FINITE};
 *       the string {@code "NaN"} is {@link RejectReason#WRONG_TYPE}.</li>
 * </ul>
 * Checks run in a fixed order (size, topic, encoding, syntax, then field by field in the order above) and the
 * first failure is reported.
 */
public final class TelemetryDecoder {
    private static final ObjectMapper STRICT_JSON = JsonMapper.builder()
            // Parse NaN/Infinity into numbers so they are reported as NOT_FINITE, with their field, not as bad syntax.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> VERSION_1_FIELDS = Set.of("schemaVersion", "deviceId", "productModel", "eventTime", "seq", "metrics");
    private static final Set<String> VERSION_2_FIELDS = Set.of("schemaVersion", "deviceId", "productModel", "eventTime", "seq", "mode", "metrics");
    private static final Set<String> METRIC_FIELDS = Set.of("value", "unit");

    private final ProductCatalog catalog;
    private final ValidationConfig config;

    public TelemetryDecoder(ProductCatalog catalog, ValidationConfig config) {
        this.catalog = catalog;
        this.config = config;
    }

    /** Decodes one message; never throws for bad input. */
    public Decoded decode(MqttRecord record, Instant now) {
        String topicDevice = record.topic() == null ? null : TelemetryMessage.deviceIdOf(record.topic());
        try {
            return new Decoded.Accepted(decode(record.topic(), topicDevice, record.payload(), now));
        } catch (Rejection r) {
            return new DeadLetter(record.topic(), topicDevice, r.reason, r.field, r.getMessage(), record.payload(),
                    Instant.ofEpochMilli(record.receivedAtMillis()));
        }
    }

    private TelemetryMessage decode(String topic, String topicDevice, byte[] payload, Instant now) throws Rejection {
        byte[] bytes = payload == null ? new byte[0] : payload;
        if (bytes.length > config.maxPayloadBytes()) {
            throw new Rejection(RejectReason.OVERSIZE_PAYLOAD, null,
                    bytes.length + " bytes, more than the limit of " + config.maxPayloadBytes());
        }
        if (topicDevice == null) {
            throw new Rejection(RejectReason.BAD_TOPIC, null, "topic '" + topic + "' is not devices/{deviceId}/telemetry");
        }
        JsonNode root = parse(utf8(bytes));
        if (!root.isObject()) {
            throw new Rejection(RejectReason.NOT_AN_OBJECT, null, "the document is a JSON " + root.getNodeType().name().toLowerCase() + ", not an object");
        }

        int schemaVersion = schemaVersion(root);
        Set<String> fields = schemaVersion == 1 ? VERSION_1_FIELDS : VERSION_2_FIELDS;
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new Rejection(RejectReason.UNKNOWN_FIELD, name, "schema version " + schemaVersion + " has no field '" + name + "'");
            }
        }

        String deviceId = text(root, "deviceId");
        if (!deviceId.equals(topicDevice)) {
            throw new Rejection(RejectReason.DEVICE_MISMATCH, "deviceId",
                    "payload says '" + deviceId + "' but it was published on the topic of '" + topicDevice + "'");
        }
        String modelId = text(root, "productModel");
        ProductModel model = catalog.model(modelId).orElseThrow(() ->
                new Rejection(RejectReason.UNKNOWN_PRODUCT_MODEL, "productModel", "'" + modelId + "' is not in the product catalog"));
        Instant eventTime = eventTime(root, now);
        long seq = sequence(root);
        String mode = mode(root, model);
        Map<String, TelemetryMessage.Metric> metrics = metrics(root, model);
        return new TelemetryMessage(schemaVersion, deviceId, modelId, eventTime, seq, mode, metrics);
    }

    private static String utf8(byte[] bytes) throws Rejection {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Rejection(RejectReason.INVALID_UTF8, null, "payload is not valid UTF-8: " + e);
        }
    }

    private static JsonNode parse(String json) throws Rejection {
        JsonNode root;
        try {
            root = STRICT_JSON.readTree(json);
        } catch (JsonParseException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                throw new Rejection(RejectReason.DUPLICATE_FIELD, duplicatePath(e), e.getOriginalMessage());
            }
            throw new Rejection(RejectReason.INVALID_JSON, null, describe(e));
        } catch (JsonProcessingException e) {
            throw new Rejection(RejectReason.INVALID_JSON, null, describe(e));
        }
        if (root == null || root.isMissingNode()) {
            throw new Rejection(RejectReason.INVALID_JSON, null, "empty payload");
        }
        return root;
    }

    private int schemaVersion(JsonNode root) throws Rejection {
        JsonNode node = required(root, "schemaVersion", "schemaVersion");
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new Rejection(RejectReason.WRONG_TYPE, "schemaVersion", "must be an integer, got " + describe(node));
        }
        if (node.intValue() < TelemetryMessage.OLDEST_SCHEMA_VERSION || node.intValue() > TelemetryMessage.SCHEMA_VERSION) {
            throw new Rejection(RejectReason.UNKNOWN_SCHEMA_VERSION, "schemaVersion", "version " + node.intValue()
                    + " is not supported; this build reads versions " + TelemetryMessage.OLDEST_SCHEMA_VERSION + " to " + TelemetryMessage.SCHEMA_VERSION);
        }
        return node.intValue();
    }

    private Instant eventTime(JsonNode root, Instant now) throws Rejection {
        String text = text(root, "eventTime");
        Instant eventTime;
        try {
            eventTime = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new Rejection(RejectReason.WRONG_TYPE, "eventTime", "'" + text + "' is not an ISO-8601 UTC instant like 2025-06-01T12:00:00Z");
        }
        if (config.futureSkewCheckEnabled() && eventTime.isAfter(now.plus(config.maxFutureSkew()))) {
            throw new Rejection(RejectReason.EVENT_TIME_IN_FUTURE, "eventTime",
                    eventTime + " is more than " + config.maxFutureSkew() + " after " + now);
        }
        if (config.ageCheckEnabled() && eventTime.isBefore(now.minus(config.maxAge()))) {
            throw new Rejection(RejectReason.EVENT_TIME_TOO_OLD, "eventTime",
                    eventTime + " is more than " + config.maxAge() + " before " + now);
        }
        return eventTime;
    }

    private static long sequence(JsonNode root) throws Rejection {
        JsonNode node = required(root, "seq", "seq");
        if (!node.isIntegralNumber()) {
            throw new Rejection(RejectReason.WRONG_TYPE, "seq", "must be an integer, got " + describe(node));
        }
        if (!node.canConvertToLong()) {
            throw new Rejection(RejectReason.INVALID_SEQUENCE, "seq", node.asText() + " does not fit in 64 bits");
        }
        if (node.longValue() < 0) {
            throw new Rejection(RejectReason.INVALID_SEQUENCE, "seq", "must not be negative, got " + node.longValue());
        }
        return node.longValue();
    }

    /** The operating mode, or null when the message names none (version 1 never does: the field check refused it). */
    private static String mode(JsonNode root, ProductModel model) throws Rejection {
        JsonNode node = root.get("mode");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new Rejection(RejectReason.WRONG_TYPE, "mode", "must be a string, got " + describe(node));
        }
        String mode = node.textValue();
        if (model.operatingMode(mode).isEmpty()) {
            throw new Rejection(RejectReason.UNKNOWN_MODE, "mode", model.operatingModes().isEmpty()
                    ? "product model " + model.id() + " has no operating modes in the catalog; send no mode"
                    : "'" + mode + "' is not an operating mode of " + model.id() + " ("
                            + String.join(", ", model.operatingModes().stream().map(OperatingMode::id).toList()) + ")");
        }
        return mode;
    }

    private static Map<String, TelemetryMessage.Metric> metrics(JsonNode root, ProductModel model) throws Rejection {
        JsonNode metrics = required(root, "metrics", "metrics");
        if (!metrics.isObject()) {
            throw new Rejection(RejectReason.WRONG_TYPE, "metrics", "must be an object of sensor name to {value, unit}, got " + describe(metrics));
        }
        if (metrics.isEmpty()) {
            throw new Rejection(RejectReason.EMPTY_METRICS, "metrics", "at least one metric is required");
        }
        // A plain LinkedHashMap: Flink's serializers must be able to rebuild it, which rules out unmodifiable views.
        Map<String, TelemetryMessage.Metric> result = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = metrics.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            result.put(entry.getKey(), metric(model, entry.getKey(), entry.getValue()));
        }
        return result;
    }

    private static TelemetryMessage.Metric metric(ProductModel model, String name, JsonNode node) throws Rejection {
        String path = "metrics." + name;
        Optional<SensorSpec> found = model.sensor(name);
        if (found.isEmpty()) {
            throw new Rejection(RejectReason.UNKNOWN_METRIC, path, "product model " + model.id() + " has no sensor '" + name + "'");
        }
        SensorSpec sensor = found.get();
        if (!node.isObject()) {
            throw new Rejection(RejectReason.WRONG_TYPE, path, "must be an object {value, unit}, got " + describe(node));
        }
        Iterator<String> keys = node.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!METRIC_FIELDS.contains(key)) {
                throw new Rejection(RejectReason.UNKNOWN_FIELD, path + "." + key, "a metric has only 'value' and 'unit'");
            }
        }
        JsonNode valueNode = required(node, "value", path + ".value");
        if (!valueNode.isNumber()) {
            throw new Rejection(RejectReason.WRONG_TYPE, path + ".value", "must be a number, got " + describe(valueNode));
        }
        double value = valueNode.doubleValue();
        if (!Double.isFinite(value)) {
            throw new Rejection(RejectReason.NOT_FINITE, path + ".value", "must be finite, got " + value);
        }
        JsonNode unitNode = required(node, "unit", path + ".unit");
        if (!unitNode.isTextual()) {
            throw new Rejection(RejectReason.WRONG_TYPE, path + ".unit", "must be a string, got " + describe(unitNode));
        }
        if (!unitNode.textValue().equals(sensor.unit())) {
            throw new Rejection(RejectReason.UNIT_MISMATCH, path + ".unit",
                    "'" + unitNode.textValue() + "' but the catalog measures " + name + " in '" + sensor.unit() + "'");
        }
        if (value < sensor.physicalMin() || value > sensor.physicalMax()) {
            throw new Rejection(RejectReason.OUT_OF_PHYSICAL_RANGE, path + ".value",
                    value + " is outside the physical range " + sensor.physicalMin() + ".." + sensor.physicalMax() + " " + sensor.unit());
        }
        return new TelemetryMessage.Metric(value, unitNode.textValue());
    }

    private static String text(JsonNode root, String field) throws Rejection {
        JsonNode node = required(root, field, field);
        if (!node.isTextual()) {
            throw new Rejection(RejectReason.WRONG_TYPE, field, "must be a string, got " + describe(node));
        }
        return node.textValue();
    }

    private static JsonNode required(JsonNode parent, String name, String path) throws Rejection {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw new Rejection(RejectReason.MISSING_FIELD, path, "'" + path + "' is required");
        }
        return node;
    }

    /** The dotted path of a duplicated key, from the parser's position when it noticed. */
    private static String duplicatePath(JsonParseException e) {
        String message = e.getOriginalMessage();
        int open = message.indexOf('\'');
        int close = message.lastIndexOf('\'');
        String name = open >= 0 && close > open ? message.substring(open + 1, close) : null;
        Deque<String> path = new ArrayDeque<>();
        if (name != null) {
            path.push(name);
        }
        JsonParser parser = e.getProcessor();
        JsonStreamContext context = parser == null ? null : parser.getParsingContext();
        // The innermost context is the object holding the duplicate; its parents name the enclosing fields.
        for (JsonStreamContext c = context == null ? null : context.getParent(); c != null; c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                path.push(c.getCurrentName());
            }
        }
        return path.isEmpty() ? null : String.join(".", path);
    }

    private static String describe(JsonNode node) {
        String type = node.getNodeType().name().toLowerCase();
        String text = node.toString();
        return type + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }

    private static String describe(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
        return e.getOriginalMessage() + where;
    }

    /** Control flow for the first failed check; no stack trace, it is not an error of the program. */
    private static final class Rejection extends Exception {
        private final RejectReason reason;
        private final String field;

        Rejection(RejectReason reason, String field, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
            this.field = field;
        }
    }
}
