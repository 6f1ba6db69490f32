package io.forewarn.launcher;

import io.forewarn.launcher.bench.BenchCommand;
import io.forewarn.launcher.demo.DemoCommand;
import io.forewarn.launcher.evaluation.EvaluateCommand;
import io.forewarn.launcher.training.TrainCommand;
import io.forewarn.simulator.SimulateCommand;
import io.forewarn.simulator.replay.ReplayCommand;
import java.util.Arrays;

/** The {@code ./forewarn} command: dispatches to its subcommands. */
public final class Forewarn {
    private static final String USAGE = """
            usage: ./forewarn <command> [options]

            commands:
              demo       the whole pipeline in one process on embedded services (MQTT, QuestDB, PostgreSQL, Flink, API)
              simulate   publish a simulated fleet's telemetry to an MQTT broker
              replay     publish a CSV of telemetry over MQTT in event-time order
              train      train the anomaly models and write versioned model files
              evaluate   replay a simulated fleet with ground truth through the job and score its predictions
              test       set up the test environment (Docker, service images) and run every test
              bench      measure and print: bench ingest, bench simulator, bench scoring
              help       this text

            Run './forewarn <command> --help' for a command's options. Settings: README.md, "Configuration".
            """;

    private Forewarn() {}

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        int code = switch (command) {
            case "demo" -> DemoCommand.run(rest);
            case "simulate" -> new SimulateCommand().run(rest);
            case "replay" -> new ReplayCommand().run(rest);
            case "train" -> TrainCommand.run(rest);
            case "bench" -> BenchCommand.run(rest);
            case "evaluate" -> EvaluateCommand.run(rest);
            case "help", "--help", "-h" -> {
                System.out.print(USAGE);
                yield 0;
            }
            default -> {
                System.err.println("unknown command: " + command);
                System.err.print(USAGE);
                yield 2;
            }
        };
        if (code != 0 || !"demo".equals(command)) {
            System.exit(code);
        }
    }
}
