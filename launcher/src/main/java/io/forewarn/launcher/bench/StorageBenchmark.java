package io.forewarn.launcher.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code ./forewarn bench storage}: telemetry writes through the sink beside QuestDB's own client
 * ({@link SinkWriteBenchmark}), service-record writes and their replay ({@link TicketWriteBenchmark}), then history
 * reads ({@link HistoryReadBenchmark}). docs/benchmarks.md, "Storage", records a run.
 */
final class StorageBenchmark {
    static final String USAGE = """
            usage: ./forewarn bench storage [--readings N] [--tickets N] [--only writes|reads]
              --readings N     telemetry points written by the sink and by QuestDB's client (default 1000000)
              --tickets N      devices whose prediction, ticket, reminder, second prediction and escalation are
                               written, then replayed (default 20000)
              --only writes    the two write benchmarks; --only reads: the history reads (see bench storage-read)
            """;

    private StorageBenchmark() {}

    /** 0 after printing the figures, 2 for bad options. */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        SinkWriteBenchmark.Options sink = SinkWriteBenchmark.Options.defaults();
        TicketWriteBenchmark.Options tickets = TicketWriteBenchmark.Options.defaults();
        boolean writes = true;
        boolean reads = true;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--readings" -> sink = sink.withReadings(number(args, ++i));
                    case "--tickets" -> tickets = new TicketWriteBenchmark.Options(number(args, ++i), tickets.parallelism());
                    case "--only" -> {
                        String part = value(args, ++i).toLowerCase(Locale.ROOT);
                        if (!part.equals("writes") && !part.equals("reads")) {
                            throw new IllegalArgumentException("--only " + part + ": expected writes or reads");
                        }
                        writes = part.equals("writes");
                        reads = part.equals("reads");
                    }
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option: " + args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (writes) {
            SinkWriteBenchmark.run(sink, out);
            TicketWriteBenchmark.run(tickets, out);
        }
        if (reads) {
            return HistoryReadBenchmark.run(new String[0], out);
        }
        return 0;
    }

    private static int number(String[] args, int i) {
        String value = value(args, i);
        try {
            return Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(args[i - 1] + " " + value + ": not a whole number");
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
