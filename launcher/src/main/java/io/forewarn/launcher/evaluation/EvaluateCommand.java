package io.forewarn.launcher.evaluation;

import io.forewarn.launcher.evaluation.nab.NabCommand;
import io.forewarn.simulator.faults.FaultKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** {@code ./forewarn evaluate}: replays a simulated fleet with ground truth through the real job and scores it. */
public final class EvaluateCommand {
    private static final String USAGE = """
            usage: ./forewarn evaluate [--devices N] [--degrading K] [--days D] [--seed S] [--kinds gradual,intermittent,sudden]
                   ./forewarn evaluate --nab [DIR] [--detector NAME]   (the NAB benchmark; --nab --help for more)
              --devices N    simulated products (default 200)
              --degrading K  how many develop a fault (default 40)
              --days D       days each product is watched (default 14; faults begin on day 2, failures on days 8-12)
              --seed S       fleet seed (default 2026)
              --kinds LIST   fault kinds handed out in turn (default gradual,gradual,intermittent,sudden)
            Prints recall (failures predicted at least 24 h ahead), lead times, precision and false tickets per
            1,000 device-days, each beside its target. (Replaying a CSV dataset comes with issue 4.)
            """;

    private EvaluateCommand() {}

    public static int run(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--nab")) {
            String[] rest = Arrays.stream(args).filter(a -> !a.equals("--nab")).toArray(String[]::new);
            return NabCommand.run(rest, System.out, System.err);
        }
        int devices = 200, degrading = 40, days = 14;
        long seed = 2026;
        List<FaultKind> kinds = List.of(FaultKind.GRADUAL, FaultKind.GRADUAL, FaultKind.INTERMITTENT, FaultKind.SUDDEN);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                System.out.print(USAGE);
                return 0;
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
                    default -> {
                        System.err.println("unknown option: " + flag + "\n" + USAGE);
                        return 2;
                    }
                }
            } catch (IllegalArgumentException e) {
                System.err.println(flag + " " + value + ": " + e.getMessage() + "\n" + USAGE);
                return 2;
            }
        }
        if (days < 13) {
            System.err.println("--days must be at least 13: failures happen on days 8 to 12");
            return 2;
        }
        Path work = Files.createTempDirectory("forewarn-evaluate");
        Scorecard score = SimulatedEvaluation.run(new EvaluationConfig(devices, degrading, days, seed, kinds), work, System.out);
        System.out.println();
        System.out.print(score.report());
        return 0;
    }
}
