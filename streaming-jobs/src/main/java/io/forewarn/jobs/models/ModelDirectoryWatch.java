package io.forewarn.jobs.models;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * A source that looks at the model directory every so often and says which model file is live for each product
 * model. Broadcast to the scoring operator, it lets a newly trained version take over without restarting the job.
 */
public final class ModelDirectoryWatch {
    private ModelDirectoryWatch() {}

    public static DataGeneratorSource<ModelVersions> every(Path directory, Duration interval) {
        return new DataGeneratorSource<>(new Listing(directory.toString()), Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(1.0 / Math.max(1, interval.toSeconds())), TypeInformation.of(ModelVersions.class));
    }

    /** One listing of the directory per call. */
    private record Listing(String directory) implements GeneratorFunction<Long, ModelVersions> {
        @Override
        public ModelVersions map(Long tick) {
            ModelStore store = new ModelStore(Path.of(directory));
            Map<String, String> files = new TreeMap<>();
            store.latestFiles().forEach((model, file) -> files.put(model, file.toString()));
            return new ModelVersions(files);
        }
    }
}
