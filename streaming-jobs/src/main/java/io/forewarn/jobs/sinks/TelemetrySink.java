package io.forewarn.jobs.sinks;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes telemetry as line protocol through influxdb-client-java's v2 write API.
 * Measurement {@code telemetry}; tags {@code device_id} and {@code product_model} only (bounded cardinality);
 * one float field per sensor; millisecond timestamps from the device's event time.
 * Points are batched, flushed when a batch is full and at every checkpoint; a failed write is retried with jittered
 * backoff, holding up the stream (backpressure) rather than buffering without bound.
 */
public final class TelemetrySink implements Sink<TelemetryMessage> {
    private static final long serialVersionUID = 1L;
    public static final String MEASUREMENT = "telemetry";

    private final TimeSeriesSettings settings;

    public TelemetrySink(TimeSeriesSettings settings) {
        this.settings = settings;
    }

    @Override
    public SinkWriter<TelemetryMessage> createWriter(WriterInitContext context) {
        return new Writer(settings, context.metricGroup().getNumRecordsSendCounter(),
                context.metricGroup().counter("writeRetries"));
    }

    /** The line-protocol point of one reading. */
    public static Point toPoint(TelemetryMessage message) {
        Point point = Point.measurement(MEASUREMENT)
                .addTag("device_id", message.deviceId())
                .addTag("product_model", message.productModel())
                .time(message.eventTime().toEpochMilli(), WritePrecision.MS);
        for (Map.Entry<String, TelemetryMessage.Metric> metric : message.metrics().entrySet()) {
            point.addField(metric.getKey(), metric.getValue().value());
        }
        return point;
    }

    private static final class Writer implements SinkWriter<TelemetryMessage> {
        private static final Logger LOG = LoggerFactory.getLogger(TelemetrySink.class);

        private final TimeSeriesSettings settings;
        private final Counter written;
        private final Counter retries;
        private final InfluxDBClient client;
        private final WriteApiBlocking writeApi;
        private final List<Point> batch = new ArrayList<>();

        Writer(TimeSeriesSettings settings, Counter written, Counter retries) {
            this.settings = settings;
            this.written = written;
            this.retries = retries;
            this.client = InfluxDBClientFactory.create(settings.url(), settings.token().toCharArray(), settings.org(), settings.bucket());
            this.writeApi = client.getWriteApiBlocking();
        }

        @Override
        public void write(TelemetryMessage message, Context context) throws IOException, InterruptedException {
            batch.add(toPoint(message));
            if (batch.size() >= settings.batchSize()) {
                flush(false);
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            if (batch.isEmpty()) {
                return;
            }
            long deadline = System.currentTimeMillis() + settings.giveUpAfter().toMillis();
            for (int attempt = 1; ; attempt++) {
                try {
                    writeApi.writePoints(batch);
                    written.inc(batch.size());
                    batch.clear();
                    return;
                } catch (RuntimeException e) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IOException("time-series store at " + settings.url() + " refused " + batch.size()
                                + " points for " + settings.giveUpAfter() + "; failing to restore from the last checkpoint", e);
                    }
                    retries.inc();
                    long backoff = (long) (Math.min(10_000, 100 * Math.pow(2, Math.min(attempt, 10))) * (0.5 + Math.random()));
                    LOG.warn("telemetry write failed (attempt {}), retrying in {} ms: {}", attempt, backoff, e.getMessage());
                    Thread.sleep(backoff);
                }
            }
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
