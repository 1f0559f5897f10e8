/**
 * The IVR core: flows, their interpreter, money speech and installment plans (later issues), and
 * the {@link dev.cobra.ivr.Caller} port through which a flow talks to the person on the line.
 *
 * <p>Pure domain code: must not import {@code io.netty}, {@code org.asteriskjava}, {@code java.sql},
 * {@code io.micrometer} or anything from {@code dev.cobra.wire} / {@code dev.cobra.pbx}. The PBX
 * bindings (FastAGI for Asterisk in {@code dev.cobra.pbx.asterisk.agi}, the ESL outbound socket for
 * FreeSWITCH later) implement {@link dev.cobra.ivr.Caller} and run an {@link dev.cobra.ivr.IvrApplication}
 * per call.
 */
package dev.cobra.ivr;
