/**
 * The simulated Asterisk side of FastAGI: a client that connects to a FastAGI server exactly as
 * Asterisk 22's {@code AGI(agi://host:port/script,args)} does, sends the {@code agi_*} header
 * block, and answers every command like {@code res_agi.c} (replies checked line for line against
 * {@code fastagi-session.txt} and {@code fastagi-caller-hangup.txt} by the golden tests), while a
 * scripted debtor presses keys or hangs up.
 *
 * <p>Time is simulated: each call has its own virtual call clock that advances by what each
 * command would take on a real channel (prompt lengths, digit timeouts). {@link
 * dev.cobra.pbxsim.agi.PlaybackPacing} decides how much real time that maps to (none in tests).
 *
 * <p>Owns no dialer types; depends only on {@code dev.cobra.wire.agi} and Netty.
 */
package dev.cobra.pbxsim.agi;
