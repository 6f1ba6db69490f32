package io.forewarn.jobs.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import com.influxdb.exceptions.InfluxException;
import io.forewarn.contracts.telemetry.TelemetryMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes telemetry as line protocol through influxdb-client-java's v2 write API ({@code POST /api/v2/write}), which
 * InfluxDB and QuestDB both serve. Measurement {@code telemetry}; tags {@code device_id}, {@code product_model} and the reported {@code mode} only
 * (bounded cardinality); one float field per sensor; millisecond timestamps from the device's event time.
 *
 * <p>Points are batched and a batch is sent when it holds {@code batchSize} points, when its first point has waited
 * {@code flushInterval} (a timer on the task's processing-time service, so a quiet stream is written too), and at
 * every checkpoint, which returns only once the store has taken everything before it. A batch is sent by the
 * writer's own sender thread while the task fills the next one; when that one is full too, the task waits, so at
 * most two batches are held (backpressure, never an unbounded buffer). A write the store cannot take now (no
 * answer, timeout, 429, 5xx; also 401/403/404) is retried with jittered exponential backoff, honouring a 429's
 * {@code Retry-After}, holding up the stream meanwhile. After {@code giveUpAfter} the writer fails and the job
 * restores its last checkpoint. A batch the store rejects (any other 4xx, such as 400 for a mistyped field) fails
 * the job at once; see {@link WriteFailure}. A retried or replayed batch may reach the store twice: QuestDB's table
 * deduplicates ({@link TelemetryTable}), InfluxDB overwrites a point with the same series and time. The lines are
 * those of {@link #toPoint}, written by {@link TelemetryLineProtocol} without the client's {@code Point} into a
 * reused buffer ({@link LineBatch}) and handed to the client's blocking write API as one request body per batch.
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
        return new Writer(settings, context.getProcessingTimeService(), context.metricGroup().getNumRecordsSendCounter(),
                context.metricGroup().counter("writeRetries"));
    }

    /**
     * The line-protocol point of one reading. Its operating mode, when it names one, is a tag {@code mode}: a
     * product model has a handful of modes, so the cardinality stays bounded.
     */
    public static Point toPoint(TelemetryMessage message) {
        Point point = Point.measurement(MEASUREMENT)
                .addTag("device_id", message.deviceId())
                .addTag("product_model", message.productModel())
                .time(message.eventTime().toEpochMilli(), WritePrecision.MS);
        if (message.mode() != null) {
            point.addTag("mode", message.mode());
        }
        for (Map.Entry<String, TelemetryMessage.Metric> metric : message.metrics().entrySet()) {
            point.addField(metric.getKey(), metric.getValue().value());
        }
        return point;
    }

    private static final class Writer implements SinkWriter<TelemetryMessage> {
        private static final Logger LOG = LoggerFactory.getLogger(TelemetrySink.class);
        private static final ObjectMapper JSON = new ObjectMapper();
        private static final long FIRST_BACKOFF_MILLIS = 100;
        private static final long MAX_BACKOFF_MILLIS = 10_000;
        /** How much of a rejected batch the error quotes: its first line, enough to see what the store refused. */
        private static final int QUOTED_CHARS = 300;

        private final TimeSeriesSettings settings;
        private final ProcessingTimeService time;
        private final Counter written;
        private final Counter retries;
        private final InfluxDBClient client;
        private final WriteApiBlocking writeApi;
        /**
         * Sends one batch at a time, so the task thread fills the next batch while the store takes the last one
         * instead of waiting for its answer; the task thread waits only when a second batch is full (backpressure).
         */
        private final ExecutorService sender;
        private final TelemetryLineProtocol lineProtocol = new TelemetryLineProtocol();
        /** The batch being filled, one line per point, and the one with the sender; swapped, never reallocated. */
        private LineBatch batch = new LineBatch();
        private LineBatch sendingBatch = new LineBatch();
        private int points;
        private long batchOpenedAt;
        private boolean flushTimerSet;
        /** The batch with the sender, until the store has taken it; null when there is none. */
        private Future<?> sending;

        Writer(TimeSeriesSettings settings, ProcessingTimeService time, Counter written, Counter retries) {
            this.settings = settings;
            this.time = time;
            this.written = written;
            this.retries = retries;
            this.client = InfluxDBClientFactory.create(settings.url(), settings.token().toCharArray(), settings.org(), settings.bucket());
            this.writeApi = client.getWriteApiBlocking();
            this.sender = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "telemetry-sink-sender");
                thread.setDaemon(true);
                return thread;
            });
        }

        @Override
        public void write(TelemetryMessage message, Context context) throws IOException, InterruptedException {
            if (!lineProtocol.append(batch, message)) {
                return; // no finite value: nothing to store (the ingest lets no such reading through)
            }
            if (points++ == 0) {
                batchOpenedAt = time.getCurrentProcessingTime();
                flushAt(batchOpenedAt + settings.flushInterval().toMillis());
            }
            if (points >= settings.batchSize()) {
                send();
            }
        }

        /** At most one timer is pending; when it fires for a batch opened after it was set, it sets the next one. */
        private void flushAt(long timestamp) {
            if (!flushTimerSet) {
                flushTimerSet = true;
                time.registerTimer(timestamp, this::onFlushTimer);
            }
        }

        private void onFlushTimer(long now) throws IOException, InterruptedException {
            flushTimerSet = false;
            if (points == 0) {
                return;
            }
            long due = batchOpenedAt + settings.flushInterval().toMillis();
            if (now >= due) {
                send();
            } else {
                flushAt(due);
            }
        }

        /** At a checkpoint (and at the end): returns once the store has every point written so far. */
        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            if (points > 0) {
                send();
            }
            awaitSent();
        }

        /** Hands the batch to the sender once the one before it is stored: one batch with the store, one filling. */
        private void send() throws IOException, InterruptedException {
            awaitSent();
            LineBatch full = batch;
            batch = sendingBatch;
            batch.clear();
            sendingBatch = full;
            int count = points;
            points = 0;
            sending = sender.submit(() -> {
                store(full, count);
                return null;
            });
        }

        /** Waits for the batch with the sender; its failure (rejected, or given up on) becomes the task's. */
        private void awaitSent() throws IOException, InterruptedException {
            if (sending == null) {
                return;
            }
            try {
                sending.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException failure) {
                    throw new IOException(failure.getMessage(), failure);
                }
                throw new IOException("telemetry write failed unexpectedly", e.getCause());
            } finally {
                sending = null;
            }
        }

        /** On the sender thread: writes one batch, retrying as long as the failure and {@code giveUpAfter} allow. */
        private void store(LineBatch lines, int count) throws IOException, InterruptedException {
            long giveUpAt = System.nanoTime() + settings.giveUpAfter().toNanos();
            String body = lines.toString();
            for (int attempt = 1; ; attempt++) {
                int status;
                String retryAfter = null;
                String described;
                IOException noAnswer = null;
                try {
                    writeApi.writeRecord(WritePrecision.MS, body);
                    written.inc(count);
                    return;
                } catch (InfluxException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException("telemetry write abandoned: the writer is closing");
                    }
                    status = e.status(); // 0: refused, reset or timed out, no answer
                    retryAfter = header(e, "Retry-After");
                    described = status == 0 ? String.valueOf(e.getCause() == null ? e : e.getCause()) : describe(status, e.getMessage());
                    noAnswer = new IOException(described, e);
                }
                WriteFailure failure = WriteFailure.of(status);
                if (failure == WriteFailure.REJECTED) {
                    throw new IOException("time-series store at " + settings.url() + " rejected a batch of " + count
                            + " points with " + described + ". It will not take this batch as it is, so the job fails"
                            + " and restores its last checkpoint; the batch's first line: " + lines.firstLine(QUOTED_CHARS));
                }
                long remainingMillis = (giveUpAt - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0) {
                    throw new IOException("time-series store at " + settings.url() + " did not take " + count
                            + " points for " + settings.giveUpAfter() + " (" + attempt + " attempts, last: "
                            + described + "); failing so the job restores its last checkpoint", noAnswer);
                }
                retries.inc();
                long backoff = Math.min(remainingMillis, backoffMillis(attempt, WriteFailure.retryAfter(retryAfter).orElse(Duration.ZERO)));
                if (failure == WriteFailure.NOT_ACCEPTED_HERE) {
                    LOG.error("time-series store at {} does not accept the job's writes ({}): check FOREWARN_INFLUX_TOKEN,"
                            + " FOREWARN_INFLUX_ORG and FOREWARN_INFLUX_BUCKET; retrying in {} ms, for up to {} in all",
                            settings.url(), described, backoff, settings.giveUpAfter());
                } else {
                    LOG.warn("telemetry write of {} points failed (attempt {}), retrying in {} ms: {}", count, attempt,
                            backoff, described);
                }
                Thread.sleep(backoff);
            }
        }

        /** Exponential from 100 ms to 10 s, jittered ±50 % so parallel writers spread out; at least what the store asked. */
        private static long backoffMillis(int attempt, Duration storeAsked) {
            long exponential = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(attempt - 1, 10));
            long jittered = (long) (exponential * ThreadLocalRandom.current().nextDouble(0.5, 1.5));
            return Math.max(jittered, storeAsked.toMillis());
        }

        /**
         * "HTTP status code: 400; Message: ..." with the message of the store's JSON error (InfluxDB's and QuestDB's
         * have one), its body as it is when it is not JSON, or "HTTP 401" when it said nothing more.
         */
        static String describe(int status, String body) {
            String message = body == null ? "" : body.strip();
            if (message.startsWith("{")) {
                try {
                    JsonNode error = JSON.readTree(message);
                    if (error.hasNonNull("message")) {
                        message = error.get("message").asText();
                    }
                } catch (IOException notJson) {
                    // quoted as it is
                }
            }
            if (message.isEmpty()) {
                return "HTTP " + status;
            }
            if (message.length() > QUOTED_CHARS) {
                message = message.substring(0, QUOTED_CHARS) + "...";
            }
            return "HTTP status code: " + status + "; Message: " + message;
        }

        /** Stops a batch still with the sender (a cancelled or failed task: the last checkpoint covers it). */
        @Override
        public void close() throws InterruptedException {
            sender.shutdownNow();
            if (!sender.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the telemetry sender did not stop within 30 s");
            }
            client.close();
        }

        private static String header(InfluxException e, String name) {
            Map<String, String> headers = e.headers();
            if (headers != null) {
                for (Map.Entry<String, String> header : headers.entrySet()) {
                    if (name.equalsIgnoreCase(header.getKey())) {
                        return header.getValue();
                    }
                }
            }
            return null;
        }
    }
}
