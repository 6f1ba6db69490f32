package io.forewarn.ingest.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Mosquitto 2 broker in a Docker container, published on a fixed host port so that clients reconnect to
 * the same URI after {@link #restart()}.
 *
 * <p>The image is {@code FOREWARN_TEST_MOSQUITTO_IMAGE}, by default the official {@code eclipse-mosquitto:2}
 * ({@code deploy/testenv/env.sh} sets the locally built {@code local/mosquitto:2}). Both install the broker as
 * {@code /usr/sbin/mosquitto}, so this fixture copies its own configuration to {@code /mosquitto/config/mosquitto.conf}
 * (the official image's path) and passes the command explicitly: the broker runs with the same settings
 * whichever image it comes from, and the local image's own {@code /etc/mosquitto/forewarn.conf} is not used.
 *
 * <p>Without Docker, {@link #start()} fails with a message saying how to set it up; it never skips.
 */
public final class MosquittoContainer extends GenericContainer<MosquittoContainer> {
    public static final String IMAGE_ENV = "FOREWARN_TEST_MOSQUITTO_IMAGE";
    public static final String DEFAULT_IMAGE = "eclipse-mosquitto:2";
    private static final int MQTT_PORT = 1883;
    private static final String CONFIG_PATH = "/mosquitto/config/mosquitto.conf";
    /** Logged to stderr at every start; Testcontainers reads both streams. */
    private static final String READY_LOG = ".*mosquitto version .* running.*";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final int STOP_TIMEOUT_SECONDS = 30;
    /*
     * - log_dest stderr: Mosquitto 2.0.11 does not flush stdout without a TTY, so the ready line would show late.
     * - persistence in /tmp: writable by the mosquitto user in both images; the database is written when the
     *   broker exits on SIGTERM, which is what restart() sends, so sessions and their queued messages survive.
     * - the limits, as in deploy/testenv's image: beyond 1,000 queued messages per client (the default) Mosquitto
     *   drops QoS 1 messages of a burst queued for a reader that acknowledges only after a checkpoint. The
     *   in-flight limit (default 20) applies to clients that announce no receive maximum of their own.
     */
    private static final String CONFIG = """
            listener 1883 0.0.0.0
            allow_anonymous true
            log_dest stderr
            persistence true
            persistence_location /tmp/
            max_inflight_messages 1000
            max_queued_messages 100000
            """;

    private final int hostPort;
    private int starts;

    public MosquittoContainer() {
        super(DockerImageName.parse(System.getenv().getOrDefault(IMAGE_ENV, DEFAULT_IMAGE)));
        hostPort = FreePorts.pick();
        // A fixed binding: a restarted container would otherwise get a new random host port.
        addFixedExposedPort(hostPort, MQTT_PORT);
        withCopyToContainer(Transferable.of(CONFIG), CONFIG_PATH);
        withCommand("/usr/sbin/mosquitto", "-c", CONFIG_PATH);
        waitingFor(Wait.forLogMessage(READY_LOG, 1).withStartupTimeout(STARTUP_TIMEOUT));
    }

    /** Fails the calling test, with set-up instructions, when no Docker daemon answers. */
    @Override
    public void start() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            fail("""
                    Docker is required for the Mosquitto tests and none answers (DOCKER_HOST=%s).
                    Set it up with `bash deploy/testenv/setup.sh` (starts dockerd and builds local/mosquitto:2),
                    then `source deploy/testenv/env.sh`, which sets TESTCONTAINERS_RYUK_DISABLED=true,
                    TESTCONTAINERS_CHECKS_DISABLE=true, TESTCONTAINERS_HOST_OVERRIDE=localhost and
                    %s=local/mosquitto:2.""".formatted(System.getenv("DOCKER_HOST"), IMAGE_ENV));
        }
        super.start();
        starts = 1;
    }

    /** The broker's URI for Paho, the same before and after {@link #restart()}. */
    public String uri() {
        return "tcp://" + getHost() + ":" + hostPort;
    }

    /**
     * Stops the broker gracefully (SIGTERM: Mosquitto writes its persistence database on the way out) and starts
     * the same container again, then waits for it to accept connections. Persistent sessions, their
     * subscriptions and the messages queued or in flight to them survive; connected clients see the connection
     * drop.
     */
    public void restart() {
        getDockerClient().stopContainerCmd(getContainerId()).withTimeout(STOP_TIMEOUT_SECONDS).exec();
        getDockerClient().startContainerCmd(getContainerId()).exec();
        starts++;
        // The container log spans both runs: wait for this run's ready line.
        Wait.forLogMessage(READY_LOG, starts).withStartupTimeout(STARTUP_TIMEOUT).waitUntilReady(this);
    }
}
