package io.forewarn.simulator.bench;

import io.forewarn.simulator.testing.EmbeddedBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PublishBenchmark} against an embedded HiveMQ CE with the demo's receive maximum (65,535), for running the
 * benchmark from this module's test classpath (see docs/benchmarks.md, "Simulator"). Not a test.
 */
public final class EmbeddedPublishBenchmark {
    private EmbeddedPublishBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("forewarn-bench-broker");
        int code;
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir, 65_535)) {
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of("--broker", broker.uri()));
            code = new PublishBenchmark(System.out).run(all.toArray(String[]::new));
        }
        System.exit(code);
    }
}
