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
            (bench storage and api come with their issues)
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
            default -> {
                System.err.println("unknown benchmark: " + args[0] + "\n" + USAGE);
                yield 2;
            }
        };
    }
}
