package io.forewarn.jobs.sinks;

import io.forewarn.contracts.telemetry.TelemetryMessage;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Appends readings as InfluxDB line protocol, one line each, the same line {@link TelemetrySink#toPoint} makes,
 * straight into the batch's buffer. The client's {@code Point} sorts tags and fields through tree maps and formats
 * every float with a {@code NumberFormat}: 7 to 9 µs of CPU per reading here, more than all the rest of the sink's
 * path. This writes the same line in under 1 µs, most of it {@link Double#toString}, and allocates nothing per
 * reading. One per writer: it keeps a reading's fields in reused arrays, so it is not thread-safe.
 */
final class TelemetryLineProtocol {
    /** Line protocol writes floats in plain notation; this range is where {@link Double#toString} already does. */
    private static final double PLAIN_FROM = 1e-3;
    private static final double PLAIN_BELOW = 1e7;

    /** The reading's fields being appended, sorted by name as they arrive (a reading has a handful). */
    private String[] names = new String[16];
    private double[] values = new double[16];
    private int fields;
    private final BiConsumer<String, TelemetryMessage.Metric> addField = this::addField;

    /**
     * Appends the reading's line and a newline; appends nothing (and returns false) when it has no finite value,
     * as {@code Point} writes no line without fields.
     */
    boolean append(StringBuilder out, TelemetryMessage message) {
        fields = 0;
        message.metrics().forEach(addField);
        if (fields == 0) {
            return false;
        }
        // The measurement and tag keys are constants without characters to escape; tags in key order, as Point's.
        out.append(TelemetrySink.MEASUREMENT);
        tag(out, ",device_id=", message.deviceId());
        tag(out, ",mode=", message.mode());
        tag(out, ",product_model=", message.productModel());
        out.append(' ');
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                out.append(',');
            }
            escape(out, names[i]);
            out.append('=');
            appendFloat(out, values[i]);
        }
        out.append(' ').append(message.eventTime().toEpochMilli()).append('\n');
        return true;
    }

    /** Keeps a finite value in name order (insertion sort: Point's order, without a sorted map per reading). */
    private void addField(String name, TelemetryMessage.Metric metric) {
        double value = metric.value();
        if (!Double.isFinite(value)) {
            return; // Point leaves out what line protocol cannot hold
        }
        if (fields == names.length) {
            names = Arrays.copyOf(names, fields * 2);
            values = Arrays.copyOf(values, fields * 2);
        }
        int at = fields++;
        while (at > 0 && names[at - 1].compareTo(name) > 0) {
            names[at] = names[at - 1];
            values[at] = values[at - 1];
            at--;
        }
        names[at] = name;
        values[at] = value;
    }

    private static void tag(StringBuilder out, String keyAndEquals, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        out.append(keyAndEquals);
        escape(out, value);
    }

    /** A float as Point writes it: plain notation with at least one fraction digit, never an exponent. */
    static void appendFloat(StringBuilder out, double value) {
        double magnitude = Math.abs(value);
        if (value == 0 || (magnitude >= PLAIN_FROM && magnitude < PLAIN_BELOW)) {
            out.append(value);
            return;
        }
        String plain = new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
        out.append(plain);
        if (plain.indexOf('.') < 0) {
            out.append(".0");
        }
    }

    /** Tag values and field names: space, comma and equals sign escaped, line breaks and tabs spelled out. */
    private static void escape(StringBuilder out, String text) {
        if (!needsEscaping(text)) {
            out.append(text); // device ids and sensor names: the usual case, copied whole
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case ' ', ',', '=' -> out.append('\\').append(c);
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
    }

    private static boolean needsEscaping(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == ',' || c == '=' || c == '\n' || c == '\r' || c == '\t') {
                return true;
            }
        }
        return false;
    }
}
