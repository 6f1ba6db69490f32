package io.forewarn.jobs.local;

import io.forewarn.contracts.catalog.ProductCatalog;
import io.forewarn.jobs.JobConfig;
import io.forewarn.jobs.PredictiveMaintenanceJob;
import io.forewarn.jobs.directory.DeviceDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the job on a Flink MiniCluster inside this process, with its checkpoints and savepoints under a state
 * directory: a graceful stop takes a savepoint, and the next start resumes from the newest savepoint or retained
 * checkpoint, so a restarted demo carries on where it stopped (state of another build's layout is set aside,
 * {@link StateLayout}).
 */
public final class LocalJobRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalJobRunner.class);

    private final JobClient client;
    private final Path stateDirectory;

    private LocalJobRunner(JobClient client, Path stateDirectory) {
        this.client = client;
        this.stateDirectory = stateDirectory;
    }

    public static LocalJobRunner start(JobConfig config, ProductCatalog catalog, DeviceDirectory directory, Path stateDirectory)
            throws Exception {
        StateLayout.claim(stateDirectory, StateLayout.CURRENT);
        Path checkpoints = Files.createDirectories(stateDirectory.resolve("checkpoints"));
        Files.createDirectories(stateDirectory.resolve("savepoints"));
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
        Optional<Path> resumeFrom = newestState(stateDirectory);
        resumeFrom.ifPresent(path -> {
            LOG.info("resuming the job from {}", path);
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, path.toUri().toString());
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        });
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config.parallelism(), conf);
        env.enableCheckpointing(config.checkpointInterval().toMillis());
        PredictiveMaintenanceJob.define(env, config, catalog, directory);
        return new LocalJobRunner(env.executeAsync(PredictiveMaintenanceJob.NAME), stateDirectory);
    }

    /** The newest savepoint or retained checkpoint (a directory holding {@code _metadata}). */
    static Optional<Path> newestState(Path stateDirectory) {
        try (Stream<Path> files = Files.walk(stateDirectory, 4)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .max(Comparator.comparing(LocalJobRunner::modified));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    public JobClient client() {
        return client;
    }

    /** Stops with a savepoint so the next start carries on; cancels if that does not finish in time. */
    @Override
    public void close() throws Exception {
        try {
            String savepoint = client.stopWithSavepoint(false, stateDirectory.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
            LOG.info("job stopped with savepoint {}", savepoint);
        } catch (Exception e) {
            LOG.warn("stop with savepoint failed ({}); cancelling, the next start resumes from the last checkpoint", e.toString());
            client.cancel().get(30, TimeUnit.SECONDS);
        }
    }
}
