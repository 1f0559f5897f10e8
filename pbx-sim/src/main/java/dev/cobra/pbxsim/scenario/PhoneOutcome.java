package dev.cobra.pbxsim.scenario;

/**
 * What a simulated phone does with an incoming call, and the dialplan application the traces
 * used to produce it: ANSWER/MACHINE = Answer(); BUSY = Busy() (cause 17); NO_ANSWER = Ringing()
 * until the Originate timeout (cause 19); CONGESTION = Congestion() (cause 34); UNALLOCATED =
 * Hangup(1) before answer (cause 1).
 */
public enum PhoneOutcome { ANSWER, MACHINE, BUSY, NO_ANSWER, CONGESTION, UNALLOCATED }
