package io.forewarn.launcher.bench;

import io.forewarn.launcher.embedded.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Mosquitto ({@code /usr/sbin/mosquitto}, package {@code mosquitto}) as a child process, with a generated
 * configuration on a free port: no persistence file, no queue limit (the benchmark queues the whole backlog in
 * the readers' sessions), QoS 0 messages queued for offline sessions too, and a receive maximum of 1,000 for
 * the publisher. A native process rather than a container: the benchmark then needs no Docker, and the
 * broker's rate is not filtered through Docker's port forwarding.
 */
final class MosquittoBroker implements BenchBroker {
    static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Process process;
    private final Path dir;
    private final int port;
    private final String version;

    private MosquittoBroker(Process process, Path dir, int port, String version) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.version = version;
    }

    /** Null when Mosquitto can be started, else what to do about it. */
    static String missing() {
        return Files.isExecutable(BINARY) ? null
                : BINARY + " not found: install Debian's broker with `apt-get install mosquitto` (the benchmark starts "
                        + "and stops its own instance; the package's service need not run), or use --broker hivemq";
    }

    static MosquittoBroker start() throws IOException, InterruptedException {
        String missing = missing();
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
        Path dir = Files.createTempDirectory("forewarn-bench-mosquitto-");
        int port = FreePorts.pick();
        Path config = dir.resolve("mosquitto.conf");
        Files.writeString(config, """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence false
                max_queued_messages 0
                queue_qos0_messages true
                max_inflight_messages 1000
                log_dest stderr
                """.formatted(port));
        Process process = new ProcessBuilder(BINARY.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile())
                .start();
        MosquittoBroker broker = new MosquittoBroker(process, dir, port, version());
        broker.awaitListening();
        return broker;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ": " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IllegalStateException("mosquitto does not listen on port " + port + " after 15 s: " + log());
    }

    private String log() throws IOException {
        Path log = dir.resolve("mosquitto.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8).strip() : "(no log)";
    }

    /** "2.0.11", from the first line of {@code mosquitto -h}. */
    private static String version() throws IOException, InterruptedException {
        Process help = new ProcessBuilder(BINARY.toString(), "-h").redirectErrorStream(true).start();
        String firstLine = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
        help.waitFor(5, TimeUnit.SECONDS);
        return firstLine.replaceFirst("^mosquitto version\\s*", "").strip();
    }

    @Override
    public String name() {
        return "Mosquitto " + version;
    }

    @Override
    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public String inflightLimit() {
        return "honours the receive maximum only until the first PUBACK; then each PUBACK lets in up to another one";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
