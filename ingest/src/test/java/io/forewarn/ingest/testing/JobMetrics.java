package io.forewarn.ingest.testing;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * The Flink metrics that jobs on the test MiniCluster registered, as Flink's metric system hands them to a
 * reporter: so a test reads what an operator really registered under its scope, by job, operator and name.
 * Metrics are kept after their task ends, so a job cancelled or restarted can still be read (a restarted task
 * registers new ones; {@link #sum} adds them up).
 */
public final class JobMetrics implements MetricReporter {
    private static final String REPORTER = "forewarn-test";
    private static final List<Registered> REGISTERED = new CopyOnWriteArrayList<>();

    private record Registered(String job, String operator, String name, Metric metric) {}

    /** The MiniCluster configuration that installs this reporter. */
    public static Configuration reporterConfiguration() {
        Configuration conf = new Configuration();
        conf.setString("metrics.reporter." + REPORTER + ".factory.class", Factory.class.getName());
        return conf;
    }

    /**
     * The sum, over every parallel instance and every attempt, of the counters named {@code name} (dotted from the
     * operator's scope, e.g. {@code telemetry.rejected.unit_mismatch}) of operators whose name starts with
     * {@code operatorPrefix} in job {@code job}; fails when there is none, naming what there is.
     */
    public static long sum(String job, String operatorPrefix, String name) {
        List<Counter> counters = REGISTERED.stream()
                .filter(r -> r.job().equals(job) && r.operator() != null && r.operator().startsWith(operatorPrefix))
                .filter(r -> r.name().equals(name) && r.metric() instanceof Counter)
                .map(r -> (Counter) r.metric())
                .toList();
        if (counters.isEmpty()) {
            throw new AssertionError("no counter " + name + " of operator " + operatorPrefix + "* in job " + job + "; registered: "
                    + REGISTERED.stream().filter(r -> r.job().equals(job)).map(r -> r.operator() + ":" + r.name()).distinct().toList());
        }
        return counters.stream().mapToLong(Counter::getCount).sum();
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        String job = group.getAllVariables().get("<job_name>");
        if (job == null) {
            return;
        }
        String operator = group.getAllVariables().get("<operator_name>");
        String subtask = group.getAllVariables().get("<subtask_index>");
        // The scope ends with the operator's name, its subtask index, then the groups the operator added.
        String[] scope = group.getScopeComponents();
        StringBuilder name = new StringBuilder();
        for (int i = scope.length - 1; i > 0 && !(scope[i].equals(subtask) && scope[i - 1].equals(operator)); i--) {
            name.insert(0, scope[i] + ".");
        }
        name.append(metricName);
        REGISTERED.add(new Registered(job, operator, name.toString(), metric));
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        // Kept on purpose: tests read counters after their job has ended.
    }

    /** Found by Flink through META-INF/services and named in {@link #reporterConfiguration()}. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new JobMetrics();
        }
    }
}
