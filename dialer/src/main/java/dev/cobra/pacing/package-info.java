/**
 * Pacing: how many calls a campaign places now. Pure and clock-free: every input carries its own time.
 *
 * <p>Owns the modes ({@link dev.cobra.pacing.PacingMode}): preview, progressive and power
 * ({@link dev.cobra.pacing.Pacer}'s factories) and predictive ({@link dev.cobra.pacing.PredictivePacer}); the measured
 * history they use ({@link dev.cobra.pacing.CallHistory}); and the abandon rate as regulators count it
 * ({@link dev.cobra.pacing.AbandonMeter}). Must not import I/O libraries, the store, HTTP, metrics or PBX adapters;
 * the campaign runner builds a {@link dev.cobra.pacing.PacingInput} from the {@code AgentPool} and its calls each tick.
 *
 * <h2>The abandon rate</h2>
 * {@code rate = abandoned live calls / live answered calls}, per campaign, over the regulator's rolling window (Ofcom
 * persistent-misuse policy: 24 hours; FCC 47 CFR 64.1200(a)(7): 30 days per campaign). A live answered call is any
 * call a person answered, whether an agent took it or it was abandoned (no agent within 2 s of the greeting:
 * information message, hang-up). An AMD false positive counts as live and abandoned where the preset says so.
 *
 * <h2>The predictive model</h2>
 * At a decision at time t, look ahead h = 1..H seconds, H = ring timeout + 2 s. For every h:
 * <ul>
 *   <li><b>Demand</b> D(h): live answers landing by t + h. Each live call waiting for an agent counts 1. A call in
 *       flight that has been undecided for e seconds lands live within h with probability
 *       {@code q(e, h) = L(e, e + h) / U(e)}, where, over the recent call history, L(a, b) counts calls known live
 *       between a and b seconds after being placed and U(e) counts calls still undecided after e seconds. So
 *       {@code E[D(h)] = W + sum q}, {@code Var[D(h)] = sum q (1 - q)} (independent Bernoulli trials).
 *   <li><b>Supply</b> F(h): agents free by t + h + s, s being the abandon limit (2 s), since a live call may wait s.
 *       Ready agents count 1; an agent in wrap-up counts 1 if its timer ends by then (the timer is known); an agent on
 *       a call that has lasted x counts with probability {@code P(T <= x + h + s - w | T > x)}, T the measured talk
 *       time distribution and w the wrap-up that follows. Mean and variance summed as for D.
 *   <li><b>A new call</b> lands live within h with probability {@code G(h) = L(0, h) / N} (N calls of history),
 *       p = G(H) the answer rate, and in second h with {@code g(h) = G(h) - G(h - 1)}.
 * </ul>
 * With k new calls already chosen this decision, the (k+1)-th call's chance of being abandoned if it is live is
 * <pre>
 *   m(k) = (1/p) * sum_h g(h) * max_{h' >= h} P(D(h') + B_k(h') >= F(h'))
 * </pre>
 * where B_k(h) ~ Binomial(k, G(h)) are the calls chosen before it; the maximum over later horizons also charges the
 * call for pushing later-landing calls already in flight past the last free agent. P(X >= 0) for X = D + B - F uses
 * the normal approximation with continuity correction, {@code Phi((E[X] + 0.5) / sqrt(Var[X]))}. The pacer places
 * the largest k with {@code m(0..k-1) <= theta}, never fewer than progressive would, at most
 * {@code maxCallsPerAgent * staffed} in flight.
 *
 * <h2>The correction from the measured rate</h2>
 * The model's threshold is steered by the rate r measured over the window, blended with a prior of 200 live answers
 * at the setpoint so a few early abandons do not swing it: {@code r' = (A + 200 * r*) / (L + 200)} with A abandoned
 * and L live in the window, r* = setpoint = limit * share. Then
 * {@code theta = min(0.5, 0.7 * r* * min(8, (r* / max(r', r* / 10))^3))}: when the measured rate runs above the
 * setpoint the threshold falls steeply, below it the pacer over-dials more. The factor 0.7 accounts for the model
 * being optimistic (normal tails, the next decisions' calls); the cube makes the loop settle near the setpoint.
 *
 * <h2>Degrading safely</h2>
 * <ul>
 *   <li>Less than {@code minResolvedCalls} calls or {@code minLiveAnswers} live answers and talks of history:
 *       progressive.
 *   <li>Measured rate over the window at or above the limit: progressive until it falls below.
 *   <li>A small team (at most {@code smallTeam} staffed agents, 5 by default) aims at {@code smallTeamSetpoint} of
 *       the limit (0.4), rising linearly to {@code setpointShare} (0.85) at four times that size, and keeps in flight
 *       at most {@code ceil(E[F(H)] / p)} calls: no more than would, on average, fill the agents free within the
 *       horizon.
 * </ul>
 */
package dev.cobra.pacing;
