package io.forewarn.launcher.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code ./forewarn demo}: starts the demo, prints where to look, and runs until Ctrl-C. */
public final class DemoCommand {
    private static final String USAGE = """
            usage: ./forewarn demo [--data-dir DIR] [--devices N] [--degrading K] [--speed X]
              --data-dir DIR   where all state lives (default forewarn-data; a restart carries on from it)
              --devices N      simulated products (default 50)
              --degrading K    how many of them degrade towards a failure (default 6)
              --speed X        simulated seconds per wall-clock second (default 3600: an hour per second)
            Every setting can also be given by environment variable: see README.md, "Configuration".
            """;

    private DemoCommand() {}

    public static int run(String[] args) throws Exception {
        DemoConfig config = DemoConfig.fromEnv(System.getenv());
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
            switch (flag) {
                case "--data-dir" -> config = config.withDataDir(Path.of(value));
                case "--devices" -> config = config.withFleet(Integer.parseInt(value), config.degradingDevices(), config.speedUp());
                case "--degrading" -> config = config.withFleet(config.devices(), Integer.parseInt(value), config.speedUp());
                case "--speed" -> config = config.withFleet(config.devices(), config.degradingDevices(), Double.parseDouble(value));
                default -> {
                    System.err.println("unknown option: " + flag + "\n" + USAGE);
                    return 2;
                }
            }
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
        out.println("  Predicted failures, tickets and reminders appear within about two minutes. Ctrl-C stops.");
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
}
