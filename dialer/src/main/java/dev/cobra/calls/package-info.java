/**
 * Calls in domain terms: the {@link dev.cobra.calls.Pbx} port (calls, and agents' nailed-up legs),
 * {@link dev.cobra.calls.CallEvent}s and {@link dev.cobra.calls.Destination}s, the per-call state machine
 * {@link dev.cobra.calls.Call} that turns events into an outcome, the outcome vocabulary, Q.850 causes and
 * dispositions. Pure: no I/O imports.
 */
package dev.cobra.calls;
