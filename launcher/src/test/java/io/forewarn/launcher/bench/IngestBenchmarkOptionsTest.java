package io.forewarn.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The options of {@code ./forewarn bench ingest}. */
class IngestBenchmarkOptionsTest {

    @Test
    void optionsChooseTheMessageCountAndTheBrokersAndDefaultToBothBrokersAnd200000() {
        IngestBenchmark.Options options = IngestBenchmark.parse(new String[] {"--messages", "50_000", "--broker", "mosquitto"});

        assertThat(options.messages()).isEqualTo(50_000);
        assertThat(options.brokers()).containsExactly(IngestBenchmark.Broker.MOSQUITTO);
        IngestBenchmark.Options defaults = IngestBenchmark.parse(new String[0]);
        assertThat(defaults.brokers()).containsExactly(IngestBenchmark.Broker.HIVEMQ, IngestBenchmark.Broker.MOSQUITTO);
        assertThat(defaults.messages()).isEqualTo(200_000);
    }

    @Test
    void badOptionsAreRefusedNamingTheOptionAndTheChoices() {
        assertThatThrownBy(() -> IngestBenchmark.parse(new String[] {"--broker", "emqx"}))
                .hasMessageContaining("--broker emqx").hasMessageContaining("hivemq, mosquitto or all");
        assertThatThrownBy(() -> IngestBenchmark.parse(new String[] {"--messages", "many"})).hasMessageContaining("--messages many");
        assertThatThrownBy(() -> IngestBenchmark.parse(new String[] {"--messages", "1"})).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> IngestBenchmark.parse(new String[] {"--messages"})).hasMessageContaining("needs a value");
    }

    @Test
    void aBadOptionExitsWithTwoAndTheUsageWithoutRunningAnything() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = IngestBenchmark.run(new String[] {"--brokers", "all"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option: --brokers", "--messages N");
    }
}
