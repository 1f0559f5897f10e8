/**
 * The AMI side of the simulated Asterisk 22: the TCP server and sessions (login, events, filters,
 * sync/async actions) and {@link dev.cobra.pbxsim.ami.AsteriskCore}, the channel model that
 * produces the event sequences of the shared traces. Everything stateful here runs on the
 * simulator thread; Netty threads only frame bytes.
 *
 * <p>Behaviour not covered by a trace, and chosen here: an AMI Hangup of a call that was not yet
 * answered fails its Originate with Reason 1; Redirect to an unknown extension answers
 * "Extension does not exist."; only {@code Local/} channels are dialable (any other technology
 * fails like the traces' {@code SIP/1000}: Reason 0, no channel).
 */
package dev.cobra.pbxsim.ami;
