package io.forewarn.alerts.timeseries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes exported readings as CSV, one line per reading as it arrives: {@code timestamp,device_id,product_model,mode,}
 * then one column per sensor, empty where a reading lacks the sensor or the mode; timestamps ISO-8601 UTC. This is the
 * layout {@code ./forewarn replay FILE --model-column product_model} reads with its default column names (it takes
 * the columns named like sensors), so an export can be replayed through the whole pipeline or kept as a training set.
 */
public final class TrainingCsv implements Consumer<TrainingRow> {
    private final Writer out;
    private final List<String> sensors;
    private final StringBuilder line = new StringBuilder();

    /** Writes the header at once. */
    public TrainingCsv(Writer out, List<String> sensors) {
        this.out = out;
        this.sensors = List.copyOf(sensors);
        line.append("timestamp,device_id,product_model,mode");
        for (String sensor : this.sensors) {
            line.append(',').append(field(sensor));
        }
        write();
    }

    @Override
    public void accept(TrainingRow row) {
        line.append(row.time()).append(',').append(field(row.deviceId())).append(',').append(field(row.productModel()))
                .append(',').append(row.mode() == null ? "" : field(row.mode()));
        for (String sensor : sensors) {
            line.append(',');
            Double value = row.sensors().get(sensor);
            if (value != null) {
                line.append(value);
            }
        }
        write();
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training CSV", e);
        }
    }

    private void write() {
        try {
            out.write(line.append('\n').toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training CSV", e);
        } finally {
            line.setLength(0);
        }
    }

    /** RFC 4180: a field holding a comma, quote or line break is quoted, its quotes doubled. */
    private static String field(String value) {
        boolean plain = value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return plain ? value : '"' + value.replace("\"", "\"\"") + '"';
    }
}
