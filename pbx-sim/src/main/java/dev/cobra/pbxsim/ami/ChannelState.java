package dev.cobra.pbxsim.ami;

/**
 * Asterisk channel states as AMI shows them ({@code ChannelState} / {@code ChannelStateDesc}).
 * Transitions seen in the traces: ;1 of a Local pair Down → Ringing → Up; ;2 Ring → Up or
 * Ring → Busy (Busy() and Congestion() both show 7 Busy).
 */
public enum ChannelState {
    DOWN(0, "Down"), RING(4, "Ring"), RINGING(5, "Ringing"), UP(6, "Up"), BUSY(7, "Busy");

    final int code;
    final String desc;

    ChannelState(int code, String desc) {
        this.code = code;
        this.desc = desc;
    }
}
