package dev.cobra.pbxsim.scenario;

/**
 * Verdicts of Asterisk's AMD() as the traces show them in {@code AMDSTATUS}/{@code AMDCAUSE}:
 * HUMAN/HUMAN-803-800 (trace 106, 110), MACHINE/LONGGREETING-1500-1500 (trace 105), NOTSURE
 * (AMD's own cause format, TOOLONG-&lt;ms&gt;). HANGUP is not a verdict of the phone: it is set when
 * the phone hangs up while AMD still listens (trace 104).
 */
public enum AmdVerdict {
    HUMAN("HUMAN-803-800"), MACHINE("LONGGREETING-1500-1500"), NOTSURE("TOOLONG-5000");

    private final String cause;

    AmdVerdict(String cause) {
        this.cause = cause;
    }

    /** The {@code AMDCAUSE} value. */
    public String cause() {
        return cause;
    }
}
