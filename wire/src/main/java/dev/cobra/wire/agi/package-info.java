/**
 * The FastAGI line protocol as Asterisk 22 speaks it (source of truth: the transcripts in
 * {@code pbx-traces/asterisk/fastagi-*.txt}). Owns message values and Netty codecs only; knows
 * nothing of calls, flows or debtors.
 *
 * <p>Protocol facts this package relies on:
 * <ul>
 *   <li>Asterisk connects to the FastAGI server and first sends a block of {@code agi_name: value}
 *       lines ended by an empty line ({@link dev.cobra.wire.agi.AgiRequest}). Every line ends with a
 *       single LF (not CRLF); CRLF is tolerated on input.</li>
 *   <li>The server then writes one command line at a time and Asterisk answers each with exactly one
 *       reply: {@code 200 result=N [(data)] [endpos=N]}, {@code 510 Invalid or unknown command},
 *       {@code 511 Command Not Permitted on a dead channel or intercept routine}, or a multi-line
 *       {@code 520-...}/{@code 520 End of proper usage.} block ({@link dev.cobra.wire.agi.AgiReply}).</li>
 *   <li>When the channel hangs up, Asterisk writes one unsolicited {@code HANGUP} line
 *       ({@link dev.cobra.wire.agi.AgiHangupNotice}) as soon as it notices, which can be between a
 *       command and its reply. It is not a reply: the pending command still gets its own.</li>
 *   <li>Commands are split by Asterisk's {@code parse_args()}: blanks separate words, double quotes
 *       group, a backslash makes the next character literal ({@link dev.cobra.wire.agi.AgiCommand}).</li>
 * </ul>
 *
 * <p>Must not import anything from the dialer or pbx-sim.
 */
package dev.cobra.wire.agi;
