package dev.cobra.simulate;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code cobra simulate}: runs every strategy of {@link Strategy#standard()} over the same simulated shift and prints
 * one comparison table per configuration; {@code --sweep} runs agents 5, 10, 50, 200 x answer rates 0.15, 0.25,
 * 0.40 x {@code --seeds} seeds and ends with a summary against the predictive targets.
 *
 * <pre>
 * cobra simulate [--agents 50] [--answer-rate 0.25] [--hours 8] [--seed 1]
 * cobra simulate --sweep [--hours 8] [--seeds 3] [--seed 1]
 * </pre>
 * Exit codes: 0 done, 2 usage mistake.
 */
public final class SimulateCommand {
    static final int[] SWEEP_AGENTS = {5, 10, 50, 200};
    static final double[] SWEEP_RATES = {0.15, 0.25, 0.40};
    private static final String USAGE = "usage: cobra simulate [--agents N] [--answer-rate P] [--hours H] [--seed S]\n"
            + "       cobra simulate --sweep [--hours H] [--seeds K] [--seed S]";

    private SimulateCommand() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out));
    }

    /** Parses {@code args}, runs, prints to {@code out}; returns the exit code. */
    public static int run(List<String> args, PrintStream out) {
        return run(args, out, null);
    }

    /**
     * As {@link #run(List, PrintStream)}; a sweep also writes a progress line per configuration to {@code progress}
     * (the terminal's stderr; null for none): which one, time so far, and an estimate of the time left.
     */
    public static int run(List<String> args, PrintStream out, PrintStream progress) {
        int agents = 50;
        double rate = 0.25;
        double hours = 8;
        long seed = 1;
        int seeds = 3;
        boolean sweep = false;
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--sweep")) {
                    sweep = true;
                    continue;
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(a + ": missing value");
                }
                String v = args.get(++i);
                switch (a) {
                    case "--agents":
                        agents = Integer.parseInt(v);
                        break;
                    case "--answer-rate":
                        rate = Double.parseDouble(v);
                        break;
                    case "--hours":
                        hours = Double.parseDouble(v);
                        break;
                    case "--seed":
                        seed = Long.parseLong(v);
                        break;
                    case "--seeds":
                        seeds = Integer.parseInt(v);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option: " + a);
                }
            }
            if (!(rate > 0 && rate <= 0.9) || agents < 1 || agents > 10_000 || !(hours > 0 && hours <= 24) || seeds < 1) {
                throw new IllegalArgumentException("out of range: agents 1..10000, answer-rate (0, 0.9], hours (0, 24], seeds >= 1");
            }
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(USAGE);
            return 2;
        }
        if (!sweep) {
            table(out, SimulationSettings.standard(agents, rate, hours), seed, runAll(SimulationSettings.standard(agents, rate, hours), seed));
            return 0;
        }
        long started = System.nanoTime();
        List<List<ShiftResult>> all = new ArrayList<>();
        // A shift's cost grows with its agents (events per simulated second), so the estimate weighs by agents.
        long totalWeight = 0;
        for (int n : SWEEP_AGENTS) {
            totalWeight += (long) n * SWEEP_RATES.length * seeds;
        }
        long doneWeight = 0;
        int done = 0;
        int total = SWEEP_AGENTS.length * SWEEP_RATES.length * seeds;
        for (int n : SWEEP_AGENTS) {
            for (double p : SWEEP_RATES) {
                for (int k = 0; k < seeds; k++) {
                    SimulationSettings s = SimulationSettings.standard(n, p, hours);
                    if (progress != null) {
                        double elapsed = (System.nanoTime() - started) / 1e9;
                        progress.printf(Locale.ROOT, "simulating %d/%d: %d agents, answer rate %.2f, seed %d  (%.0f s so far%s)%n",
                                done + 1, total, n, p, seed + k, elapsed, doneWeight == 0 ? ""
                                        : String.format(Locale.ROOT, ", about %.0f s left", elapsed * (totalWeight - doneWeight) / doneWeight));
                    }
                    List<ShiftResult> results = runAll(s, seed + k);
                    done++;
                    doneWeight += n;
                    table(out, s, seed + k, results);
                    all.add(results);
                }
            }
        }
        Summary.print(out, all, hours, seeds);
        out.printf(Locale.ROOT, "sweep run time: %.1f s%n", (System.nanoTime() - started) / 1e9);
        return 0;
    }

    static List<ShiftResult> runAll(SimulationSettings s, long seed) {
        Population population = new Population(s.population(), seed);
        List<ShiftResult> results = new ArrayList<>();
        for (Strategy strategy : Strategy.standard()) {
            results.add(new ShiftSimulation(s, population, strategy, DialPolicy.allowAll(), x -> { }).run(seed));
        }
        return results;
    }

    static void table(PrintStream out, SimulationSettings s, long seed, List<ShiftResult> results) {
        out.printf(Locale.ROOT, "%n%d agents, answer rate %.2f, %.1f h, seed %d%n", s.agents(), s.population().liveRate(),
                s.shift().toMillis() / 3_600_000.0, seed);
        out.printf(Locale.ROOT, "| %-20s | %6s | %6s | %6s | %7s | %8s | %7s | %8s |%n", "policy", "talk", "occup.", "idle",
                "abandon", "worst 1h", "placed", "cont/ah");
        out.println("|----------------------|-------:|-------:|-------:|--------:|---------:|--------:|---------:|");
        for (ShiftResult r : results) {
            out.printf(Locale.ROOT, "| %-20s | %5.1f%% | %5.1f%% | %5.1f%% | %6.2f%% | %7.2f%% | %7d | %8.2f |%n", r.strategy(),
                    100 * r.talkShare(), 100 * r.occupancy(), 100 * r.idleShare(), 100 * r.abandonRate(),
                    100 * r.worstHourAbandonRate(), r.placed(), r.contactsPerAgentHour());
        }
    }
}
