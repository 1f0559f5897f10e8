package dev.cobra.pbxsim.ami;

/**
 * Q.850 cause texts as Asterisk prints them in {@code Cause-txt} (the ones the traces show, plus
 * the few the simulator can produce).
 */
final class Q850 {
    private Q850() {}

    static String text(int cause) {
        if (cause == 0) {
            return "Unknown";
        }
        if (cause == 1) {
            return "Unallocated (unassigned) number";
        }
        if (cause == 16) {
            return "Normal Clearing";
        }
        if (cause == 17) {
            return "User busy";
        }
        if (cause == 19) {
            return "User alerting, no answer";
        }
        if (cause == 21) {
            return "Call Rejected";
        }
        if (cause == 34) {
            return "Circuit/channel congestion";
        }
        if (cause == 38) {
            return "Network out of order";
        }
        return "Unknown";
    }
}
