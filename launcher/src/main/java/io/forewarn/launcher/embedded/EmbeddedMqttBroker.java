package io.forewarn.launcher.embedded;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * HiveMQ Community Edition inside this JVM, keeping its sessions and queued messages under {@code dataDir},
 * so persistent sessions survive a restart of the demo.
 */
public final class EmbeddedMqttBroker implements AutoCloseable {
    private final EmbeddedHiveMQ hivemq;
    private final int port;

    private EmbeddedMqttBroker(EmbeddedHiveMQ hivemq, int port) {
        this.hivemq = hivemq;
        this.port = port;
    }

    public static EmbeddedMqttBroker start(Path dir, int port) throws Exception {
        int bound = port == 0 ? FreePorts.pick() : port;
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Path data = Files.createDirectories(dir.resolve("data"));
        Path extensions = Files.createDirectories(dir.resolve("extensions"));
        writeConfig(conf, bound);
        // HiveMQ CE sends a client at most 50 unacknowledged messages by default (an internal setting, not in
        // config.xml). The ingest acknowledges only after each checkpoint, so that window caps a reader at
        // 50 messages per checkpoint interval; widen it to the receive maximum the ingest announces.
        InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = 65_535;
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .withoutLoggingBootstrap()
                .build();
        hivemq.start().get(60, TimeUnit.SECONDS);
        return new EmbeddedMqttBroker(hivemq, bound);
    }

    // The receive maximum bounds how many QoS 1 messages a client may have unacknowledged; the ingest withholds
    // acks until a checkpoint, so the broker must allow a full checkpoint interval's worth.
    private static void writeConfig(Path conf, int port) throws IOException {
        Files.writeString(conf.resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener>
                      <port>%d</port>
                      <bind-address>127.0.0.1</bind-address>
                    </tcp-listener>
                  </listeners>
                  <mqtt>
                    <receive-maximum>
                      <server-receive-maximum>65535</server-receive-maximum>
                    </receive-maximum>
                    <queued-messages>
                      <max-queue-size>1000000</max-queue-size>
                      <strategy>discard</strategy>
                    </queued-messages>
                  </mqtt>
                  <anonymous-usage-statistics>
                    <enabled>false</enabled>
                  </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port));
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        hivemq.stop().get(60, TimeUnit.SECONDS);
        hivemq.close();
    }
}
