/**
 * The pacing benchmark behind {@code cobra simulate}: a discrete-event simulation of a shift in simulated time, with
 * the production {@link dev.cobra.agents.AgentPool}, {@link dev.cobra.calls.Call} state machine and pacers against an
 * in-memory PBX behind the {@link dev.cobra.calls.Pbx} port. No sockets, no sleeping; seeded; common random numbers
 * (the n-th number dialled behaves the same under every policy).
 *
 * <p>Owns the simulated population ({@code PopulationSettings}), the simulated PBX, the shift loop
 * ({@link dev.cobra.simulate.ShiftSimulation}, standing in for the campaign runner), the baselines the issue compares
 * against (VICIdial-style adaptive level, the oracle) and the command ({@link dev.cobra.simulate.SimulateCommand}).
 * {@link dev.cobra.simulate.DialPolicy} is the seam for the compliance engine.
 *
 * <p>Must not import I/O libraries, the store, HTTP or the PBX adapters.
 */
package dev.cobra.simulate;
