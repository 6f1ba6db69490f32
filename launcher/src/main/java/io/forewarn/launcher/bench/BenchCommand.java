package io.forewarn.launcher.bench;

import java.io.PrintStream;
import java.util.Arrays;

/** {@code ./forewarn bench}: the benchmarks that print their figures (docs/benchmarks.md records them). */
public final class BenchCommand {
    private static final String USAGE = """
            usage: ./forewarn bench <benchmark> [options]
              simulator   messages per second the device simulator publishes into the demo's embedded broker
              scoring     JMH: cost of scoring one reading; keyed state bytes per device
              ingest      the MQTT source against the broker's delivery ceiling, on embedded HiveMQ and Mosquitto
                          [--messages N] [--broker hivemq|mosquitto|all]
              storage     telemetry writes through the sink beside QuestDB's own client, ticket writes and their
                          replay, then the history reads below [--readings N] [--tickets N] [--only writes|reads]
              storage-read  one device-week at one-minute resolution through the time-series reader, 10,000 devices
                          stored in an embedded QuestDB [--devices N] [--days N] [--reads N]
              api         p50/p99 latency and throughput of the ticket list and device history under 200 concurrent
                          clients, against the real API on embedded stores [--clients N] [--seconds N] [--warmup N]
            """;

    private BenchCommand() {}

    public static int run(String[] args) throws Exception {
        PrintStream out = System.out;
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "simulator" -> SimulatorBenchmark.run(rest, out, System.err);
            case "scoring" -> ScoringBench.run(rest, out);
            case "ingest" -> IngestBenchmark.run(rest, out, System.err);
            case "storage" -> StorageBenchmark.run(rest, out, System.err);
            case "storage-read" -> HistoryReadBenchmark.run(rest, out);
            case "api" -> ApiBenchmark.run(rest, out, System.err);
            default -> {
                System.err.println("unknown benchmark: " + args[0] + "\n" + USAGE);
                yield 2;
            }
        };
    }
}
