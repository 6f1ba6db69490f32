package io.forewarn.launcher.bench;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import io.forewarn.contracts.catalog.ProductModel;
import io.forewarn.contracts.catalog.SensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Readings with every sensor of a product model within its normal range, written to a time-series store as line
 * protocol through the InfluxDB v2 write API (the job's write path), {@value #LINES_PER_WRITE} lines a request, with
 * progress. For benchmarks that need a store full of plausible telemetry.
 */
final class NormalReadings implements AutoCloseable {
    private static final int LINES_PER_WRITE = 20_000;

    private final InfluxDBClient client;
    private final WriteApiBlocking writes;
    private final SplittableRandom random;
    private final Progress progress;
    private final String step;
    private final long total;
    private final List<String> lines = new ArrayList<>(LINES_PER_WRITE);
    private final StringBuilder line = new StringBuilder(256);
    private long written;

    /** @param total the readings that will be added, for the progress line named {@code step} */
    NormalReadings(String influxUrl, long seed, Progress progress, String step, long total) {
        this.client = InfluxDBClientFactory.create(influxUrl, "unused".toCharArray(), "forewarn", "telemetry");
        this.writes = client.getWriteApiBlocking();
        this.random = new SplittableRandom(seed);
        this.progress = progress;
        this.step = step;
        this.total = total;
    }

    /** One reading of {@code deviceId} at {@code epochMillis}; written once a request's worth has gathered. */
    void add(String deviceId, ProductModel model, long epochMillis) {
        line.setLength(0);
        line.append("telemetry,device_id=").append(deviceId).append(",product_model=").append(model.id()).append(' ');
        List<SensorSpec> sensors = model.sensors();
        for (int s = 0; s < sensors.size(); s++) {
            SensorSpec spec = sensors.get(s);
            double value = spec.normalMid() + spec.normalHalfWidth() * (random.nextDouble() - 0.5);
            line.append(s == 0 ? "" : ",").append(spec.name()).append('=').append(value);
        }
        lines.add(line.append(' ').append(epochMillis).toString());
        if (lines.size() == LINES_PER_WRITE) {
            flush();
        }
    }

    /** The readings written so far. */
    long written() {
        return written;
    }

    private void flush() {
        writes.writeRecords(WritePrecision.MS, lines);
        written += lines.size();
        lines.clear();
        progress.update(step, written, total);
    }

    /** Writes what is left and closes the client. */
    @Override
    public void close() {
        try {
            if (!lines.isEmpty()) {
                flush();
            }
        } finally {
            client.close();
        }
    }
}
