package dev.cobra.wire.agi;

/**
 * The unsolicited {@code HANGUP} line. Asterisk's {@code run_agi()} loop writes it once, as soon as
 * it reads a hang-up on the channel: after a caller hang-up (right after the {@code 200 result=-1}
 * of the command that was running) and also after the script's own {@code HANGUP} command (before
 * the reply to the next command, see {@code fastagi-session.txt} at +9.933). From then on every
 * command that needs a live channel is answered {@link AgiReply.DeadChannel 511}; the few that do
 * not (NOOP, SET/GET VARIABLE, VERBOSE, EXEC, DATABASE) still run. Asterisk keeps the socket open
 * until the server closes it.
 */
public record AgiHangupNotice() implements AgiMessage {
    /** The line, without its LF. */
    public static final String LINE = "HANGUP";

    @Override
    public String toWire() {
        return LINE + "\n";
    }
}
