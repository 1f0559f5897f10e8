package dev.cobra.pacing;

import java.util.Objects;

/**
 * Predictive pacing: places as many calls as the model says can be placed with the marginal call's chance of being
 * abandoned under a threshold, the threshold being steered by the abandon rate measured over the regulator's window.
 * The model and its formulas are in this package's documentation ({@code package-info.java}).
 *
 * <p>Falls back to progressive (one call per uncovered ready agent) with too little history, or when the measured
 * rate has reached the limit; aims lower and caps the over-dial for small teams.
 *
 * <p>Not thread-safe: one instance per campaign, called from the campaign's loop, fed by it through the
 * {@link CallHistory} and {@link AbandonMeter} it was built with.
 */
public final class PredictivePacer implements Pacer {
    /** Why the last decision came out as it did (for metrics and tests). */
    public enum Basis { NO_AGENTS, LITTLE_HISTORY, AT_LIMIT, MODEL }

    /** Pseudo-count of live answers at the setpoint that the measured rate is blended with (avoids early swings). */
    static final double PRIOR_LIVE = 200;
    /** How hard the measured rate steers the threshold: theta ~ (setpoint / measured)^GAIN_EXPONENT. */
    static final double GAIN_EXPONENT = 3;
    static final double THRESHOLD_FACTOR = 0.7;
    static final double MAX_THRESHOLD = 0.5;

    private final PredictiveSettings settings;
    private final CallHistory history;
    private final AbandonMeter meter;
    private final int horizons;
    private final long patienceMs;
    private final long wrapMs;
    private double[] muD = new double[0];
    private double[] varD = new double[0];
    private double[] muF = new double[0];
    private double[] varF = new double[0];
    private double[] landBy = new double[0];
    private double[] shortAfter = new double[0];
    private Basis lastBasis = Basis.NO_AGENTS;
    private double lastThreshold;

    public PredictivePacer(PredictiveSettings settings, CallHistory history, AbandonMeter meter) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.history = Objects.requireNonNull(history, "history");
        this.meter = Objects.requireNonNull(meter, "meter");
        this.horizons = (int) (settings.ringTimeout().toMillis() / 1000) + 2;
        this.patienceMs = settings.abandonLimit().toMillis();
        this.wrapMs = settings.expectedWrapUp().toMillis();
        muD = new double[horizons + 1];
        varD = new double[horizons + 1];
        muF = new double[horizons + 1];
        varF = new double[horizons + 1];
        landBy = new double[horizons + 1];
        shortAfter = new double[horizons + 1];
    }

    @Override
    public int callsToPlace(PacingInput in) {
        int progressive = in.uncoveredReadyAgents();
        if (in.staffedAgents() == 0) {
            lastBasis = Basis.NO_AGENTS;
            return 0;
        }
        if (history.resolvedCount() < settings.minResolvedCalls() || history.liveCount() < settings.minLiveAnswers()
                || history.talkCount() < settings.minLiveAnswers()) {
            lastBasis = Basis.LITTLE_HISTORY;
            return progressive;
        }
        long live = meter.live(in.now());
        long abandoned = meter.abandoned(in.now());
        double limit = settings.maxAbandonRate();
        if (abandoned > 0 && abandoned >= limit * live) {
            lastBasis = Basis.AT_LIMIT;
            return progressive;
        }
        boolean small = in.staffedAgents() <= settings.smallTeam();
        double setpoint = limit * setpointShare(in.staffedAgents());
        double measured = (abandoned + setpoint * PRIOR_LIVE) / (live + PRIOR_LIVE);
        double gain = Math.pow(setpoint / Math.max(measured, setpoint / 10), GAIN_EXPONENT);
        double theta = Math.min(MAX_THRESHOLD, THRESHOLD_FACTOR * setpoint * Math.min(gain, 8));
        lastThreshold = theta;
        lastBasis = Basis.MODEL;

        model(in);
        double p = landBy[horizons];
        if (p <= 0) {
            return progressive;
        }
        int inFlight = in.ringingCalls() + in.waitingCalls();
        int cap = Math.max(0, settings.maxCallsPerAgent() * in.staffedAgents() - inFlight);
        if (small) {
            // Towards progressive: at most one call more than there are agents ready or freeing within the horizon.
            cap = Math.min(cap, Math.max(0, (int) Math.ceil(soonFree() / p) - inFlight));
        }
        int k = 0;
        while (k < cap && marginalAbandon(k, p) <= theta) {
            k++;
        }
        return Math.max(k, progressive);
    }

    /**
     * Fills, for each horizon h = 1..H seconds, the mean and variance of D(h), the live answers landing by h from the
     * calls waiting and in flight, and of F(h), the agents free by h + patience.
     */
    private void model(PacingInput in) {
        for (int h = 1; h <= horizons; h++) {
            long hMs = h * 1000L;
            double d = in.waitingCalls();
            double vd = 0;
            for (long e : in.ringElapsedMs()) {
                double q = history.liveWithin(e, hMs);
                d += q;
                vd += q * (1 - q);
            }
            double f = in.readyAgents();
            double vf = 0;
            for (long r : in.wrapUpRemainingMs()) {
                if (r <= hMs + patienceMs) {
                    f += 1;
                }
            }
            long talkWindowMs = hMs + patienceMs - wrapMs;
            if (talkWindowMs > 0) {
                for (long e : in.talkElapsedMs()) {
                    double q = history.talkEndsWithin(e, talkWindowMs);
                    f += q;
                    vf += q * (1 - q);
                }
            }
            muD[h] = d;
            varD[h] = vd;
            muF[h] = f;
            varF[h] = vf;
            landBy[h] = history.liveBy(hMs);
        }
    }

    /**
     * The share of the limit aimed at: {@code smallTeamSetpoint} up to {@code smallTeam} agents, rising linearly to
     * {@code setpointShare} at four times that (a small team answers fewer calls, so its rate is noisier).
     */
    double setpointShare(int staffed) {
        int low = settings.smallTeam();
        int high = Math.max(low + 1, 4 * low);
        if (staffed <= low) {
            return settings.smallTeamSetpoint();
        }
        if (staffed >= high) {
            return settings.setpointShare();
        }
        double x = (double) (staffed - low) / (high - low);
        return settings.smallTeamSetpoint() + x * (settings.setpointShare() - settings.smallTeamSetpoint());
    }

    /** Agents ready now or expected free within the ring timeout plus patience (F(H)'s mean). */
    private double soonFree() {
        return muF[horizons];
    }

    /**
     * The chance that one more call, placed after {@code k} others this decision, is abandoned if it turns out live:
     * sum over h of g(h) * P(D_k(h) >= F(h)) / p, where g(h) is the chance it lands live in second h.
     */
    private double marginalAbandon(int k, double p) {
        double shortage = 0;
        for (int h = horizons; h >= 1; h--) {
            double mean = muD[h] + k * landBy[h] - muF[h];
            double var = varD[h] + varF[h] + k * landBy[h] * (1 - landBy[h]);
            shortage = Math.max(shortage, atLeastZero(mean, var));
            shortAfter[h] = shortage;
        }
        double sum = 0;
        double prevLand = 0;
        for (int h = 1; h <= horizons; h++) {
            double g = landBy[h] - prevLand;
            prevLand = landBy[h];
            sum += g * shortAfter[h];
        }
        return sum / p;
    }

    /** P(X >= 0) for an integer-valued X with this mean and variance: normal with continuity correction. */
    static double atLeastZero(double mean, double var) {
        if (var < 1e-9) {
            return mean > -0.5 ? 1 : 0;
        }
        return phi((mean + 0.5) / Math.sqrt(var));
    }

    /** Standard normal CDF (Zelen and Severo 26.2.17, |error| < 7.5e-8). */
    static double phi(double z) {
        if (z < -8) {
            return 0;
        }
        if (z > 8) {
            return 1;
        }
        double t = 1 / (1 + 0.2316419 * Math.abs(z));
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        double tail = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) * poly;
        return z >= 0 ? 1 - tail : tail;
    }

    public Basis lastBasis() {
        return lastBasis;
    }

    /** The marginal-abandon threshold the last MODEL decision used. */
    public double lastThreshold() {
        return lastThreshold;
    }
}
