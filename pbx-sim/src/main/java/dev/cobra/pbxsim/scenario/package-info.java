/**
 * Simulated debtor and agent phones: {@link dev.cobra.pbxsim.scenario.Scenario} (seeded
 * probabilities and duration distributions, fixed numbers, the trace numbers 100..111) and
 * {@link dev.cobra.pbxsim.scenario.Population}, which samples one
 * {@link dev.cobra.pbxsim.scenario.PhoneBehaviour} per dial. Pure values and sampling: no I/O,
 * no Netty.
 */
package dev.cobra.pbxsim.scenario;
