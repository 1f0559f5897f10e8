package dev.cobra.simulate;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The sweep's summary: predictive against the oracle, the better VICIdial-style baseline and progressive. */
final class Summary {
    private Summary() {}

    static void print(PrintStream out, List<List<ShiftResult>> runs, double hours, int seeds) {
        out.printf(Locale.ROOT, "%nSummary (%.1f h shifts, %d seeds each; talk shares are means over seeds, abandon is the worst seed)%n",
                hours, seeds);
        out.println("| agents | p    | predictive talk | abandon max | / oracle | / best vici | / progressive |");
        out.println("|-------:|-----:|----------------:|------------:|---------:|------------:|--------------:|");
        for (int i = 0; i < runs.size(); i += seeds) {
            double pred = 0;
            double oracle = 0;
            double vici = 0;
            double prog = 0;
            double worst = 0;
            for (List<ShiftResult> run : runs.subList(i, i + seeds)) {
                pred += find(run, "cobra predictive").talkShare() / seeds;
                oracle += find(run, "oracle").talkShare() / seeds;
                vici += Math.max(find(run, "vici (a) all active").talkShare(), find(run, "vici (b) available").talkShare()) / seeds;
                prog += find(run, "progressive 1:1").talkShare() / seeds;
                worst = Math.max(worst, find(run, "cobra predictive").abandonRate());
            }
            ShiftResult first = runs.get(i).get(0);
            out.printf(Locale.ROOT, "| %6d | %.2f | %14.1f%% | %10.2f%% | %7.1f%% | %10.2fx | %12.2fx |%n", first.agents(),
                    first.liveRate(), 100 * pred, 100 * worst, 100 * pred / oracle, pred / vici, pred / prog);
        }
        out.println("Targets: abandon <= 3% in every shift; at p = 0.25: >= 94% of oracle (50 agents), >= 98% (200 agents);"
                + " >= 1.05x the better vici and >= 1.25x progressive at 50 agents.");
    }

    static ShiftResult find(List<ShiftResult> run, String name) {
        for (ShiftResult r : run) {
            if (r.strategy().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no result for " + name);
    }
}
