package io.forewarn.launcher.bench;

import io.forewarn.launcher.embedded.EmbeddedMqttBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The demo's embedded HiveMQ CE, configured as in the demo (file persistence, server receive maximum 65,535,
 * internal inflight window raised from 50 to 65,535), in a temporary directory removed on close.
 *
 * <p>File persistence matters here: with HiveMQ's in-memory persistence a shared subscription's backlog drained
 * at about 1,000 msg/s on this machine (a plain subscription's at 30,000), which would measure nothing but that.
 */
final class EmbeddedHiveMqBroker implements BenchBroker {
    private final Path dir;
    private final EmbeddedMqttBroker broker;

    private EmbeddedHiveMqBroker(Path dir, EmbeddedMqttBroker broker) {
        this.dir = dir;
        this.broker = broker;
    }

    static EmbeddedHiveMqBroker start() throws Exception {
        Path dir = Files.createTempDirectory("forewarn-bench-hivemq-");
        return new EmbeddedHiveMqBroker(dir, EmbeddedMqttBroker.start(dir, 0));
    }

    @Override
    public String name() {
        return "HiveMQ CE 2025.5";
    }

    @Override
    public String uri() {
        return broker.uri();
    }

    @Override
    public String inflightLimit() {
        return "honours the receive maximum, within its internal inflight window (50 by default; raised to 65,535 "
                + "by the demo's embedded broker, which the benchmark runs)";
    }

    /** Stops the broker, then removes its files; a broker that does not stop keeps them, it may still write. */
    @Override
    public void close() throws Exception {
        broker.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
