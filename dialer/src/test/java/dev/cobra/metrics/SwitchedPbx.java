package dev.cobra.metrics;

import dev.cobra.calls.CallId;
import dev.cobra.calls.CallRequest;
import dev.cobra.calls.Destination;
import dev.cobra.calls.Pbx;

/** A server whose connection the test turns on and off. */
final class SwitchedPbx implements Pbx {
    private final String name;
    volatile boolean up = true;

    SwitchedPbx(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void originate(CallRequest request) {}

    @Override
    public void hangup(CallId id) {}

    @Override
    public void move(CallId id, Destination destination) {}

    @Override
    public void setVariable(CallId id, String variable, String value) {}

    @Override
    public boolean available() {
        return up;
    }

    @Override
    public void openAgentLeg(String agentId, String endpoint) {}

    @Override
    public void closeAgentLeg(String agentId) {}

    @Override
    public void setListener(Listener listener) {}
}
