package dev.cobra.app;

import dev.cobra.accounts.AccountFile;
import dev.cobra.accounts.DemoFileGenerator;
import java.time.Duration;
import java.util.Map;

/**
 * Hand-off under load, end to end: {@code cobra demo}'s whole node (Server, AMI adapter, runner and agent desk on the
 * core thread, HTTP, FastAGI) against pbx-sim, with {@code --agents} simulated agents working the real HTTP API on a
 * predictive campaign and the IVR campaign beside it, over a generated file large enough not to run dry. The demo's
 * summary prints what this measures: hand-off latency p50/p95 (answer seen on AMI to the AMI Bridge confirmed, from the
 * attempts' timestamps), the share within 2 s (cobra_handoff_seconds), the abandon rate and the agents' calls.
 *
 * <p>Run with {@code bench/run handoff [--agents 40] [--minutes 4] [--debtors 6000] [--seed 1]}. pbx-sim joins at once,
 * so the figures are Cobra's own share of the 2 s.
 */
public final class HandOffBenchmark {
    public static void main(String[] args) throws Exception {
        int agents = arg(args, "--agents", 40);
        double minutes = arg(args, "--minutes", 4);
        int debtors = arg(args, "--debtors", 6000);
        long seed = arg(args, "--seed", 1);
        System.out.printf("hand-off benchmark: %d simulated agents, %.1f minutes, %d generated debtors, seed %d%n",
                agents, minutes, debtors, seed);
        String csv = DemoFileGenerator.csv(debtors, seed);
        Demo demo = new Demo(System.out, Map.<String, String>of()::get, () -> AccountFile.parse("bench.csv", csv, null));
        System.exit(demo.run(new Demo.Options(minutes, 20, agents, seed, 0, Duration.ofSeconds(15))));
    }

    private static int arg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
