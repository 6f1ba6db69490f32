package io.forewarn.ingest.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.OperatorIOMetricGroup;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

/** A reader's metric group that keeps what is registered, by dotted name ({@code mqtt.ackLatencyMillis}). */
public final class RecordingMetricGroup extends UnregisteredMetricsGroup implements SourceReaderMetricGroup {
    private final Map<String, Metric> metrics;
    private final String prefix;

    public RecordingMetricGroup() {
        this(new ConcurrentHashMap<>(), "");
    }

    private RecordingMetricGroup(Map<String, Metric> metrics, String prefix) {
        this.metrics = metrics;
        this.prefix = prefix;
    }

    /** The metric registered under {@code name}; fails when there is none. */
    public <M extends Metric> M get(String name, Class<M> type) {
        Metric metric = metrics.get(name);
        if (metric == null) {
            throw new AssertionError("no metric " + name + "; registered: " + metrics.keySet());
        }
        return type.cast(metric);
    }

    @Override
    public Counter counter(String name) {
        return counter(name, new SimpleCounter());
    }

    @Override
    public <C extends Counter> C counter(String name, C counter) {
        return register(name, counter);
    }

    @Override
    public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
        return register(name, gauge);
    }

    @Override
    public <M extends Meter> M meter(String name, M meter) {
        return register(name, meter);
    }

    @Override
    public <H extends Histogram> H histogram(String name, H histogram) {
        return register(name, histogram);
    }

    @Override
    public MetricGroup addGroup(String name) {
        return new RecordingMetricGroup(metrics, prefix + name + ".");
    }

    @Override
    public MetricGroup addGroup(String key, String value) {
        return new RecordingMetricGroup(metrics, prefix + key + "." + value + ".");
    }

    @Override
    public OperatorIOMetricGroup getIOMetricGroup() {
        return UnregisteredMetricsGroup.createOperatorIOMetricGroup();
    }

    @Override
    public Counter getNumRecordsInErrorsCounter() {
        return new SimpleCounter();
    }

    @Override
    public void setPendingBytesGauge(Gauge<Long> pendingBytesGauge) {}

    @Override
    public void setPendingRecordsGauge(Gauge<Long> pendingRecordsGauge) {}

    private <M extends Metric> M register(String name, M metric) {
        metrics.put(prefix + name, metric);
        return metric;
    }
}
