package io.forewarn.launcher.bench;

import java.util.List;
import java.util.Locale;

/**
 * What {@code ./forewarn bench ingest} measured: one row per broker, reader, QoS and number of connections, and
 * the notes that say how to read them.
 *
 * @param rows the measurements, each bare-subscriber ceiling followed by the source measured like it
 * @param notes method and bounds, printed under the table
 */
public record IngestReport(List<Row> rows, List<String> notes) {

    /**
     * One measurement.
     *
     * @param broker broker name and version
     * @param reader {@link #CEILING} or {@link #SOURCE}
     * @param qos QoS of the subscription
     * @param connections MQTT connections reading (source: parallel readers) in one shared subscription
     * @param received messages received
     * @param expected messages published
     * @param ratePerSecond messages per second from the first received to the last
     * @param ratioToCeiling the rate divided by the ceiling's with the same broker, QoS and connections; null for a ceiling
     * @param note what bounds it, how the shared subscription split it, or what went wrong
     */
    public record Row(String broker, String reader, int qos, int connections, long received, long expected,
            double ratePerSecond, Double ratioToCeiling, String note) {

        public boolean isCeiling() {
            return ratioToCeiling == null;
        }
    }

    public static final String CEILING = "bare Paho subscriber (ceiling)";
    public static final String SOURCE = "Flink MqttSource";

    /** The table as Markdown, then the notes. */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "| %-16s | %-30s | %3s | %5s | %9s | %8s | %5s | %s%n",
                "broker", "reader", "QoS", "conns", "received", "msg/s", "ratio", "note"));
        out.append("|------------------|--------------------------------|-----|-------|-----------|----------|-------|------\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %-16s | %-30s | %3d | %5d | %,9d | %,8.0f | %5s | %s%n",
                    row.broker(), row.reader(), row.qos(), row.connections(), row.received(), row.ratePerSecond(),
                    row.isCeiling() ? "1.00" : String.format(Locale.ROOT, "%.2f", row.ratioToCeiling()), row.note()));
        }
        out.append('\n');
        for (String note : notes) {
            out.append("- ").append(note).append('\n');
        }
        return out.toString();
    }
}
