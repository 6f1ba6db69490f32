package io.forewarn.launcher.bench;

import io.forewarn.ingest.source.MqttSourceConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Measures the MQTT source against the broker's delivery ceiling, on each broker, at QoS 0 and 1, with one and
 * two connections.
 *
 * <p>Every measurement drains a backlog, so the reader is what is measured, not the publisher: on a freshly
 * started broker, the reader's persistent sessions are created with their shared subscription and left
 * offline, the same M messages are published (and acknowledged by the broker), and only then does the reader
 * under test resume the sessions.
 * Its rate is messages per second from the first received to the last. The ceiling is a bare Paho subscriber
 * draining the same backlog the same way; the source's ratio is its rate over the ceiling's with the same
 * broker, QoS and number of connections. docs/benchmarks.md records a run; docs/ingest.md explains the bounds.
 */
public final class IngestBenchmark {
    /** A measurement that receives nothing new for this long stops and reports what it got. */
    private static final long STALL_MILLIS = TimeUnit.SECONDS.toMillis(60);
    private static final List<Integer> QOS_LEVELS = List.of(0, 1);
    /** A pause between two messages this long is reported: a drain does not pause that long unless stalled. */
    private static final double LONG_PAUSE_SECONDS = 2;
    /** Messages of the untimed warm-up drains, so the first measurement does not pay for the JIT alone. */
    private static final int WARM_UP_MESSAGES = 20_000;

    /** The brokers the benchmark can start. */
    public enum Broker { HIVEMQ, MOSQUITTO }

    /**
     * @param messages messages per measurement
     * @param brokers the brokers to measure, in order
     * @param connections the numbers of connections (source: parallel readers) to measure
     * @param checkpointInterval the source job's checkpoint interval, after which QoS 1 messages are acknowledged
     * @param receiveMaximum the receive maximum every reader announces, the source's default
     */
    public record Options(int messages, List<Broker> brokers, List<Integer> connections, Duration checkpointInterval,
            int receiveMaximum) {

        public Options {
            if (messages < 2) {
                throw new IllegalArgumentException("--messages " + messages + ": at least 2, to have a first and a last");
            }
            if (brokers.isEmpty() || connections.isEmpty()) {
                throw new IllegalArgumentException("nothing to measure");
            }
            brokers = List.copyOf(brokers);
            connections = List.copyOf(connections);
        }

        /** 200,000 messages on both brokers, one and two connections, checkpoints every second. */
        public static Options defaults() {
            return new Options(200_000, List.of(Broker.HIVEMQ, Broker.MOSQUITTO), List.of(1, 2), Duration.ofSeconds(1),
                    MqttSourceConfig.defaults().receiveMaximum());
        }

        public Options withMessages(int messages) {
            return new Options(messages, brokers, connections, checkpointInterval, receiveMaximum);
        }

        public Options withBrokers(List<Broker> brokers) {
            return new Options(messages, brokers, connections, checkpointInterval, receiveMaximum);
        }
    }

    static final String USAGE = """
            usage: ./forewarn bench ingest [--messages N] [--broker hivemq|mosquitto|all]
              --messages N                     messages per measurement (default 200000)
              --broker hivemq|mosquitto|all    brokers to measure (default all); mosquitto runs Debian's
                                               /usr/sbin/mosquitto (apt-get install mosquitto)
            Prints progress on stderr and the table on stdout (docs/benchmarks.md, "Ingest").
            """;

    private final Options options;
    private final Progress progress;
    private final DoubleSummaryStatistics publishRates = new DoubleSummaryStatistics();
    private int measurements;

    public IngestBenchmark(Options options, PrintStream progress) {
        this.options = options;
        this.progress = new Progress(progress);
    }

    /** {@code ./forewarn bench ingest [options]}: 0 after printing the report, 2 for bad options, 1 when it cannot run. */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (options == null) {
            out.print(USAGE);
            return 0;
        }
        IngestReport report;
        try {
            report = new IngestBenchmark(options, err).run();
        } catch (IllegalStateException e) {
            err.println("bench ingest: " + e.getMessage());
            return 1;
        }
        out.println();
        out.print(report.format());
        return 0;
    }

    /** The options, or null when help was asked for; a bad option is an {@link IllegalArgumentException}. */
    static Options parse(String[] args) {
        Options options = Options.defaults();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--messages" -> options = options.withMessages(count(value(args, ++i, "--messages"), "--messages"));
                case "--broker" -> options = options.withBrokers(brokers(value(args, ++i, "--broker")));
                case "--help", "-h" -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown option: " + args[i]);
            }
        }
        return options;
    }

    private static List<Broker> brokers(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "hivemq" -> List.of(Broker.HIVEMQ);
            case "mosquitto" -> List.of(Broker.MOSQUITTO);
            case "all" -> List.of(Broker.HIVEMQ, Broker.MOSQUITTO);
            default -> throw new IllegalArgumentException("--broker " + value + ": expected hivemq, mosquitto or all");
        };
    }

    private static int count(String value, String flag) {
        int n;
        try {
            n = Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " " + value + ": not a whole number");
        }
        if (n < 2) {
            throw new IllegalArgumentException(flag + " " + value + ": at least 2, to have a first and a last");
        }
        return n;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    public IngestReport run() throws Exception {
        if (options.brokers().contains(Broker.MOSQUITTO) && MosquittoBroker.missing() != null) {
            throw new IllegalStateException(MosquittoBroker.missing());
        }
        progress.say("generating " + String.format(Locale.ROOT, "%,d", options.messages()) + " telemetry messages");
        TelemetryBacklog backlog = TelemetryBacklog.generate(options.messages());
        TelemetryBacklog warmUp = TelemetryBacklog.generate(Math.min(options.messages(), WARM_UP_MESSAGES));
        List<IngestReport.Row> rows = new ArrayList<>();
        List<String> bounds = new ArrayList<>();
        for (Broker kind : options.brokers()) {
            progress.say(kind.name().toLowerCase(Locale.ROOT) + ": warming up (not measured)");
            measure(kind, warmUp, false, 1, 1, false);
            Drained warmSource = measure(kind, warmUp, true, 1, 1, false);
            bounds.add(warmSource.broker() + " " + warmSource.inflightLimit() + ".");
            for (int qos : QOS_LEVELS) {
                for (int connections : options.connections()) {
                    Drained ceiling = measure(kind, backlog, false, qos, connections, true);
                    rows.add(ceiling.row(null));
                    Drained source = measure(kind, backlog, true, qos, connections, true);
                    rows.add(source.row(ceiling.rate()));
                }
            }
        }
        return new IngestReport(rows, notes(backlog, bounds));
    }

    private static BenchBroker start(Broker kind) throws Exception {
        return switch (kind) {
            case HIVEMQ -> EmbeddedHiveMqBroker.start();
            case MOSQUITTO -> MosquittoBroker.start();
        };
    }

    /**
     * Starts a fresh broker, queues the backlog in the reader's sessions, drains it with the reader and stops the
     * broker: no measurement inherits another's sessions, queues or persistence files.
     *
     * @param reported false for a warm-up, whose publishing rate is left out of the notes
     */
    private Drained measure(Broker kind, TelemetryBacklog backlog, boolean source, int qos, int connections,
            boolean reported) throws Exception {
        String group = "bench-" + (++measurements) + (source ? "-source" : "-paho") + "-qos" + qos + "-x" + connections;
        try (BenchBroker broker = start(kind)) {
            progress.say("  " + broker.name() + ": " + (source ? IngestReport.SOURCE : IngestReport.CEILING) + ", QoS "
                    + qos + ", " + connections + (connections == 1 ? " connection" : " connections"));
            BacklogSessions sessions = BacklogSessions.of(group, connections);
            sessions.create(broker.uri(), qos);
            ReceiptCounter counter = ReceiptCounter.create(group, connections);
            try {
                double publishRate = BacklogPublisher.publish(broker.uri(), backlog, group, progress);
                if (reported) {
                    publishRates.accept(publishRate);
                }
                progress.done(String.format(Locale.ROOT, "%,.0f msg/s", publishRate));
                boolean complete;
                try (AutoCloseable reader = source
                        ? SourceJob.start(broker.uri(), sessions, qos, options.receiveMaximum(), options.checkpointInterval(), group)
                        : BareSubscribers.connect(broker.uri(), sessions, options.receiveMaximum(), counter)) {
                    complete = awaitDrained(counter, backlog.size());
                }
                Drained drained = new Drained(broker.name(), broker.inflightLimit(), source, qos, connections, counter.count(),
                        backlog.size(), counter.ratePerSecond(), complete, split(counter), counter.withAcknowledgement(),
                        counter.longestPauseSeconds());
                progress.done(String.format(Locale.ROOT, "%,.0f msg/s", drained.rate()));
                return drained;
            } finally {
                counter.release();
            }
        }
    }

    private boolean awaitDrained(ReceiptCounter counter, int expected) throws InterruptedException {
        long seen = -1;
        long lastProgress = System.currentTimeMillis();
        while (counter.count() < expected) {
            Thread.sleep(250);
            long count = counter.count();
            progress.update("draining", count, expected);
            if (count != seen) {
                seen = count;
                lastProgress = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - lastProgress > STALL_MILLIS) {
                return false;
            }
        }
        progress.update("draining", counter.count(), expected);
        return true;
    }

    /** "split 61/39 %" over the connections, or null for one. */
    private static String split(ReceiptCounter counter) {
        if (counter.connections() < 2 || counter.count() == 0) {
            return null;
        }
        List<String> shares = new ArrayList<>();
        for (int c = 0; c < counter.connections(); c++) {
            shares.add(String.valueOf(Math.round(100.0 * counter.onConnection(c) / counter.count())));
        }
        return "split " + String.join("/", shares) + " %";
    }

    private List<String> notes(TelemetryBacklog backlog, List<String> brokerBounds) {
        double seconds = options.checkpointInterval().toMillis() / 1000.0;
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "%,d messages per measurement, %.0f bytes of JSON each on average, from %,d devices; "
                        + "published at QoS 1 over %d connections into the reader's offline sessions before it starts "
                        + "(publishing ran at %,.0f to %,.0f msg/s and is in no rate).",
                backlog.size(), backlog.averagePayloadBytes(), TelemetryBacklog.DEVICES, BacklogPublisher.CONNECTIONS,
                publishRates.getMin(), publishRates.getMax()));
        notes.add("msg/s: from the first message received to the last, while the reader drains that backlog. "
                + "ratio: the source's rate over the ceiling's with the same broker, QoS and connections.");
        notes.add(String.format(Locale.ROOT, "QoS 1: the source acknowledges after each checkpoint (every %s s), so a reader holds up to "
                        + "a checkpoint interval of messages unacknowledged; where the broker enforces the receive maximum "
                        + "(%,d), a reader takes at most %,.0f msg/s.", trim(seconds), options.receiveMaximum(),
                options.receiveMaximum() / seconds));
        notes.addAll(brokerBounds);
        return notes;
    }

    private static String trim(double seconds) {
        return seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds);
    }

    /** One drained backlog. */
    private record Drained(String broker, String inflightLimit, boolean source, int qos, int connections, long received,
            long expected, double rate, boolean complete, String split, long withAcknowledgement, double longestPause) {

        IngestReport.Row row(Double ceilingRate) {
            List<String> notes = new ArrayList<>();
            if (!complete) {
                notes.add(String.format(Locale.ROOT, "INCOMPLETE: nothing more arrived for %d s", STALL_MILLIS / 1000));
            }
            if (split != null) {
                notes.add(split);
            }
            if (qos == 0 && withAcknowledgement > 0) {
                notes.add(String.format(Locale.ROOT, "%,d arrived at QoS 1", withAcknowledgement));
            }
            if (longestPause >= LONG_PAUSE_SECONDS) {
                notes.add(String.format(Locale.ROOT, "stalled: nothing for %.1f s at a time", longestPause));
            }
            Double ratio = ceilingRate == null ? null : ceilingRate > 0 ? rate / ceilingRate : 0.0;
            return new IngestReport.Row(broker, source ? IngestReport.SOURCE : IngestReport.CEILING, qos, connections,
                    received, expected, rate, ratio, String.join("; ", notes));
        }
    }
}
