/**
 * AMI (Asterisk Manager Interface) framing: the {@link dev.cobra.wire.ami.AmiMessage} value,
 * a Netty decoder and encoder, and a reader for the shared trace format used by golden tests.
 *
 * <p>Protocol facts this package relies on (Asterisk 22, see {@code pbx-traces/asterisk/}):
 * a server greets with one CRLF-terminated banner line ({@code Asterisk Call Manager/11.0.0})
 * and no blank line after it; every other packet is a block of {@code Name: value} lines ended
 * by an empty line (CRLF CRLF); header names repeat ({@code Variable:}, {@code Output:}); a
 * line without a colon inside an action is ignored by Asterisk. Owns bytes, lines and headers
 * only; it must not import anything about calls, debtors or agents.
 */
package dev.cobra.wire.ami;
