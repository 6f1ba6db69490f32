package io.forewarn.launcher.bench;

import io.forewarn.launcher.embedded.EmbeddedMqttBroker;
import io.forewarn.simulator.bench.PublishBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./forewarn bench simulator}: the simulator's publish rate ({@link PublishBenchmark}) against the demo's
 * embedded HiveMQ, or against {@code --broker URI} when given.
 */
final class SimulatorBenchmark {
    private SimulatorBenchmark() {}

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        List<String> all = List.of(args);
        if (all.contains("--broker") || all.contains("--help")) return new PublishBenchmark(out).run(args);
        Path dir = Files.createTempDirectory("forewarn-bench-hivemq");
        try (EmbeddedMqttBroker broker = EmbeddedMqttBroker.start(dir, 0)) {
            err.println("bench simulator: embedded HiveMQ CE (as in the demo) at " + broker.uri());
            List<String> withBroker = new ArrayList<>(all);
            withBroker.addAll(List.of("--broker", broker.uri()));
            return new PublishBenchmark(out).run(withBroker.toArray(String[]::new));
        }
    }
}
