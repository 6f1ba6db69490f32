package io.forewarn.launcher.evaluation;

import io.forewarn.launcher.evaluation.nab.NabCommand;
import io.forewarn.simulator.faults.FaultKind;
import io.forewarn.simulator.replay.ColumnMapping;
import io.forewarn.simulator.replay.RecordedDataset;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** {@code ./forewarn evaluate}: replays a simulated fleet with ground truth through the real job and scores it. */
public final class EvaluateCommand {
    private static final String USAGE = """
            usage: ./forewarn evaluate [--devices N] [--degrading K] [--days D] [--seed S] [--kinds gradual,intermittent,sudden] [--supervised]
                   ./forewarn evaluate --csv FILE --events FILE [column mapping] [--models DIR] [--supervised]
                   ./forewarn evaluate --nab [DIR] [--detector NAME]   (the NAB benchmark; --nab --help for more)
              --devices N    simulated products (default 200)
              --degrading K  how many develop a fault (default 40)
              --days D       days each product is watched (default 14; faults begin on day 2, failures on days 8-12)
              --seed S       fleet seed (default 2026)
              --kinds LIST   fault kinds handed out in turn (default gradual,gradual,intermittent,sudden)
              --supervised   also train and use the supervised time-to-failure models (docs/models.md)
              --csv FILE     replay a recorded dataset in the replay CSV format (device-simulator/README.md) instead
              --events FILE  with --csv: its failures and maintenance (device_id,time,type[,failure_mode][,ticket_id])
              --models DIR   with --csv: score with the newest models in DIR (default: train on the dataset first)
              column mapping, as for replay: --model M (or --product-model M), --model-column C, --map COLUMN=SENSOR,
                             --timestamp-column C, --device-column C, --config MAPPING.json
            Prints recall (failures predicted at least 24 h ahead), lead times, precision and false tickets per
            1,000 device-days, each beside its target.
            """;

    private EvaluateCommand() {}

    public static int run(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--nab")) {
            String[] rest = Arrays.stream(args).filter(a -> !a.equals("--nab")).toArray(String[]::new);
            return NabCommand.run(rest, System.out, System.err);
        }
        int devices = 200, degrading = 40, days = 14;
        long seed = 2026;
        boolean supervised = false;
        Path csv = null, events = null, models = null;
        List<String> mapping = new ArrayList<>();
        List<FaultKind> kinds = List.of(FaultKind.GRADUAL, FaultKind.GRADUAL, FaultKind.INTERMITTENT, FaultKind.SUDDEN);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                System.out.print(USAGE);
                return 0;
            }
            if (flag.equals("--supervised")) {
                supervised = true;
                continue;
            }
            if (i + 1 >= args.length) {
                System.err.println(flag + ": missing value\n" + USAGE);
                return 2;
            }
            String value = args[++i];
            try {
                switch (flag) {
                    case "--devices" -> devices = Integer.parseInt(value);
                    case "--degrading" -> degrading = Integer.parseInt(value);
                    case "--days" -> days = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--kinds" -> {
                        List<FaultKind> parsed = new ArrayList<>();
                        for (String kind : value.split(",")) {
                            parsed.add(FaultKind.valueOf(kind.trim().toUpperCase(Locale.ROOT)));
                        }
                        kinds = List.copyOf(parsed);
                    }
                    case "--csv" -> csv = Path.of(value);
                    case "--events" -> events = Path.of(value);
                    case "--models" -> models = Path.of(value);
                    case "--product-model" -> mapping.addAll(List.of("--model", value));
                    default -> {
                        if (!RecordedDataset.MAPPING_FLAGS.contains(flag)) {
                            System.err.println("unknown option: " + flag + "\n" + USAGE);
                            return 2;
                        }
                        mapping.addAll(List.of(flag, value));
                    }
                }
            } catch (IllegalArgumentException e) {
                System.err.println(flag + " " + value + ": " + e.getMessage() + "\n" + USAGE);
                return 2;
            }
        }
        if (csv != null || events != null || models != null || !mapping.isEmpty()) {
            return recorded(csv, events, mapping, models, supervised, System.out, System.err);
        }
        if (days < 13) {
            System.err.println("--days must be at least 13: failures happen on days 8 to 12");
            return 2;
        }
        Path work = Files.createTempDirectory("forewarn-evaluate");
        Scorecard score = SimulatedEvaluation.run(new EvaluationConfig(devices, degrading, days, seed, kinds), supervised, work, System.out);
        System.out.println();
        System.out.print(score.report());
        return 0;
    }

    /** {@code --csv}: a recorded dataset through the job; bad input is reported (file, line, field) with exit code 2. */
    static int recorded(Path csv, Path events, List<String> mappingFlags, Path models, boolean supervised,
                        PrintStream out, PrintStream err) throws Exception {
        if (csv == null || events == null) {
            err.println("error: evaluating a recorded dataset needs --csv FILE and --events FILE (its failures to score against)\n" + USAGE);
            return 2;
        }
        Scorecard score;
        try {
            ColumnMapping mapping = RecordedDataset.mapping(mappingFlags);
            score = RecordedEvaluation.run(csv, mapping, events, models, supervised, Files.createTempDirectory("forewarn-evaluate"), out);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        out.println();
        out.print(score.report());
        return 0;
    }
}
