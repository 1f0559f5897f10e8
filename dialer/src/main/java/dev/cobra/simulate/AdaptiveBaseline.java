package dev.cobra.simulate;

import dev.cobra.pacing.AbandonMeter;
import dev.cobra.pacing.Pacer;
import dev.cobra.pacing.PacingInput;

/**
 * A baseline written from the public description of VICIdial's adaptive dial level (the benchmark's comparison, not
 * a production mode): every second, sample (ready agents - calls waiting for an agent); every 15 s set
 * {@code level = level * (1 + mean sample / agents)}, clamped to [1.0, 3.0], and halve it (then clamp) while the
 * shift's drop percentage is at or above 3 %; every 2.5 s place {@code floor(level * A) - C} calls, where
 * <ul>
 *   <li>variant (a) counts A = ready + talking agents and C = ringing + waiting + talking calls;
 *   <li>variant (b), "available only", counts A = ready agents and C = ringing + waiting calls.
 * </ul>
 * "agents" is the staffed agents (ready, talking or in wrap-up). Called on a tick of at most 500 ms.
 */
final class AdaptiveBaseline implements Pacer {
    enum Variant { ALL_ACTIVE, AVAILABLE_ONLY }

    private static final long SAMPLE_MS = 1000;
    private static final long UPDATE_MS = 15_000;
    private static final long DIAL_MS = 2500;
    private static final double DROP_LIMIT = 0.03;

    private final Variant variant;
    private final AbandonMeter shiftDrops;
    private double level = 1.0;
    private long lastSampleMs = Long.MIN_VALUE;
    private long lastUpdateMs;
    private long lastDialMs;
    private double sampleSum;
    private int samples;

    /** @param shiftDrops the drop counts over the shift (its window covers the whole shift) */
    AdaptiveBaseline(Variant variant, AbandonMeter shiftDrops) {
        this.variant = variant;
        this.shiftDrops = shiftDrops;
    }

    @Override
    public int callsToPlace(PacingInput in) {
        long now = in.now().toEpochMilli();
        if (lastSampleMs == Long.MIN_VALUE) {
            lastSampleMs = now - SAMPLE_MS;
            lastUpdateMs = now;
            lastDialMs = now - DIAL_MS;
        }
        if (now - lastSampleMs >= SAMPLE_MS) {
            lastSampleMs = now;
            sampleSum += in.readyAgents() - in.waitingCalls();
            samples++;
        }
        if (now - lastUpdateMs >= UPDATE_MS && samples > 0) {
            lastUpdateMs = now;
            int agents = Math.max(1, in.staffedAgents());
            level = clamp(level * (1 + sampleSum / samples / agents));
            if (shiftDrops.rate(in.now()) >= DROP_LIMIT) {
                level = clamp(level / 2);
            }
            sampleSum = 0;
            samples = 0;
        }
        if (now - lastDialMs < DIAL_MS) {
            return 0;
        }
        lastDialMs = now;
        int a;
        int c;
        if (variant == Variant.ALL_ACTIVE) {
            a = in.readyAgents() + in.talkingAgents();
            c = in.ringingCalls() + in.waitingCalls() + in.talkingAgents();
        } else {
            a = in.readyAgents();
            c = in.ringingCalls() + in.waitingCalls();
        }
        return Math.max(0, (int) Math.floor(level * a) - c);
    }

    private static double clamp(double l) {
        return Math.max(1.0, Math.min(3.0, l));
    }

    double level() {
        return level;
    }
}
