package dev.cobra.pbxsim.ami;

import dev.cobra.wire.ami.AmiMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code simple_bridge} created by the AMI {@code Bridge} action. Owned by the simulator thread.
 */
final class SimBridge {
    final String uniqueid;
    final List<SimChannel> members = new ArrayList<>(2);

    SimBridge(String uniqueid) {
        this.uniqueid = uniqueid;
    }

    AmiMessage.Builder snapshot(AmiMessage.Builder b) {
        return b.add("BridgeUniqueid", uniqueid)
                .add("BridgeType", "basic")
                .add("BridgeTechnology", "simple_bridge")
                .add("BridgeCreator", "<unknown>")
                .add("BridgeName", "<unknown>")
                .add("BridgeNumChannels", Integer.toString(members.size()))
                .add("BridgeVideoSourceMode", "none");
    }
}
