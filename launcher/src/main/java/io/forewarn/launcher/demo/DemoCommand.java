package io.forewarn.launcher.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code ./forewarn demo}: starts the demo, prints where to look, and runs until Ctrl-C. */
public final class DemoCommand {
    private static final String USAGE = """
            usage: ./forewarn demo [--data-dir DIR] [--devices N] [--degrading K] [--catch-up D] [--speed X]
              --data-dir DIR   where all state lives (default forewarn-data; a restart carries on from it)
              --devices N      simulated products (default 50)
              --degrading K    how many of them degrade towards a failure (default 6)
              --catch-up D     the fleet starts this long before now, e.g. 3d, 36h or 0 (default 3d); its simulated
                               time replays that at --speed until it reaches the wall clock, then runs in real time
              --speed X        simulated seconds per wall-clock second while catching up (default 3600: an hour
                               per second)
            Every setting can also be given by environment variable: see README.md, "Configuration".
            """;

    private DemoCommand() {}

    public static int run(String[] args) throws Exception {
        DemoConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
        if (config == null) {
            System.out.print(USAGE);
            return 0;
        }
        PrintStream out = System.out;
        Path dataDir = config.dataDir();
        out.println("Forewarn demo — data directory " + config.dataDir().toAbsolutePath());
        Demo demo = Demo.start(config, out);
        DemoCredentials c = demo.credentials();
        out.println();
        out.println("  API        " + demo.apiUrl() + "   (OpenAPI: " + demo.apiUrl() + "/openapi.yaml)");
        out.println("  planner    " + c.username() + " / " + c.password() + "   (also in " + config.dataDir().resolve(DemoCredentials.FILE) + ")");
        if (c.customer() != null) {
            out.println("  customer   " + c.customer().username() + " / " + c.customer().password() + "   (" + c.customer().actsFor()
                    + ", owns the first product to degrade)");
        }
        if (c.technician() != null) {
            out.println("  technician " + c.technician().username() + " / " + c.technician().password() + "   ("
                    + c.technician().actsFor() + ", sees the tickets assigned to them)");
        }
        out.println("  web app    " + demo.apiUrl() + "/app/");
        out.println("  try        " + c.example());
        out.println("  Predicted failures, tickets and reminders appear within about two minutes, while the fleet's past");
        out.println("  replays; then its simulated time is the wall clock. Ctrl-C stops.");
        out.println();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("stopping (the next start carries on from " + dataDir + ") ...");
            demo.close();
            stopped.countDown();
        }, "forewarn-demo-shutdown"));
        stopped.await();
        return 0;
    }

    /** The configuration the environment and flags give, or null for --help; the flags may come in any order. */
    static DemoConfig parse(String[] args) {
        DemoConfig config = DemoConfig.fromEnv(System.getenv());
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + ": missing value");
            }
            String value = args[++i];
            switch (flag) {
                case "--data-dir" -> config = config.withDataDir(Path.of(value));
                case "--devices" -> config = config.withFleet(Integer.parseInt(value), config.degradingDevices(), config.speedUp());
                case "--degrading" -> config = config.withFleet(config.devices(), Integer.parseInt(value), config.speedUp());
                case "--speed" -> config = config.withFleet(config.devices(), config.degradingDevices(), Double.parseDouble(value));
                case "--catch-up" -> config = config.withCatchUp(DemoConfig.catchUp(value, "--catch-up"));
                default -> throw new IllegalArgumentException("unknown option: " + flag);
            }
        }
        return config.validated();
    }
}
