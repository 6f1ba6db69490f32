package io.forewarn.jobs.sinks;

import java.util.OptionalLong;
import org.apache.flink.api.common.JobInfo;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.groups.MetricsGroupTestUtils;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * What a sink writer is given when Flink creates it, reduced to what our writers use: a metric group that reports
 * nowhere and a processing-time service whose clock the test moves. Lets a test drive a writer directly against a
 * real store, without a cluster.
 */
final class UnregisteredWriterContext implements WriterInitContext {
    /** The per-record context a writer is handed; our writers ignore it. */
    static final SinkWriter.Context RECORD = new SinkWriter.Context() {
        @Override
        public long currentWatermark() {
            return Long.MIN_VALUE;
        }

        @Override
        public Long timestamp() {
            return null;
        }
    };

    private final SinkWriterMetricGroup metrics = MetricsGroupTestUtils.mockWriterMetricGroup();
    private final TestProcessingTimeService time = new TestProcessingTimeService();

    /** The writer's clock: starts at 0 and moves only when the test advances it, firing the timers that fall due. */
    TestProcessingTimeService time() {
        return time;
    }

    @Override
    public SinkWriterMetricGroup metricGroup() {
        return metrics;
    }

    @Override
    public UserCodeClassLoader getUserCodeClassLoader() {
        throw unused();
    }

    @Override
    public MailboxExecutor getMailboxExecutor() {
        throw unused();
    }

    @Override
    public ProcessingTimeService getProcessingTimeService() {
        return time;
    }

    @Override
    public SerializationSchema.InitializationContext asSerializationSchemaInitializationContext() {
        throw unused();
    }

    @Override
    public boolean isObjectReuseEnabled() {
        return false;
    }

    @Override
    public <IN> TypeSerializer<IN> createInputSerializer() {
        throw unused();
    }

    @Override
    public OptionalLong getRestoredCheckpointId() {
        return OptionalLong.empty();
    }

    @Override
    public JobInfo getJobInfo() {
        throw unused();
    }

    @Override
    public TaskInfo getTaskInfo() {
        throw unused();
    }

    private static UnsupportedOperationException unused() {
        return new UnsupportedOperationException("not provided to writers under test");
    }
}
