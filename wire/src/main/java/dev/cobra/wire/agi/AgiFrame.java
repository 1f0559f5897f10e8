package dev.cobra.wire.agi;

/**
 * Anything written on a FastAGI socket, in either direction. {@link #toWire()} is the exact text
 * on the wire, every line terminated by a single LF as Asterisk writes it.
 */
public sealed interface AgiFrame permits AgiMessage, AgiCommand {
    /** The exact wire text, LF-terminated. */
    String toWire();
}
