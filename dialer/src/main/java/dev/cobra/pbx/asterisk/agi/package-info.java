/**
 * The Asterisk binding of the IVR: Cobra's own FastAGI server on Netty. Asterisk runs
 * {@code AGI(agi://host:port/script,args)}, connects here, and each connection becomes an
 * {@link dev.cobra.pbx.asterisk.agi.AgiCaller} (implementing {@link dev.cobra.ivr.Caller}) on which
 * the {@link dev.cobra.ivr.IvrApplication} registered for that script runs.
 *
 * <p>Owns: the listening socket, one session thread per live call (bounded pool), the command/reply
 * correlation, and the FastAGI counters. Protocol facts (from the real Asterisk 22 traces) are
 * documented where they are used: {@link dev.cobra.pbx.asterisk.agi.AgiCaller} for result codes,
 * {@link dev.cobra.pbx.asterisk.agi.AgiSession} for the HANGUP line and 511.
 *
 * <p>May import Netty and {@code dev.cobra.wire.agi}; the core ({@code dev.cobra.ivr}) must not import this package.
 */
package dev.cobra.pbx.asterisk.agi;
