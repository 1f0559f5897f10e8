package dev.cobra.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.calls.CallId;
import dev.cobra.calls.Disposition;
import dev.cobra.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentPoolTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T12:00:00Z"));
    private final AgentPool pool = new AgentPool(clock, Duration.ofSeconds(20), Set.of("lunch", "training"));
    private static final CallId C1 = new CallId("c-1");
    private static final CallId C2 = new CallId("c-2");

    @Test
    void handsALiveCallToTheAgentIdleLongest() {
        pool.login("a", Set.of());
        clock.advance(Duration.ofSeconds(5));
        pool.login("b", Set.of());
        clock.advance(Duration.ofSeconds(5));
        assertEquals("a", pool.assign(C1, "x").orElseThrow().id());
        assertEquals("b", pool.assign(C2, "x").orElseThrow().id());
        assertTrue(pool.assign(new CallId("c-3"), "x").isEmpty(), "nobody left ready");
    }

    @Test
    void picksOnlyAgentsServingTheCampaign() {
        pool.login("a", Set.of("cards"));
        clock.advance(Duration.ofSeconds(1));
        pool.login("b", Set.of("loans"));
        assertEquals("b", pool.assign(C1, "loans").orElseThrow().id());
        assertTrue(pool.assign(C2, "loans").isEmpty());
    }

    @Test
    void neverPutsOneCallOnTwoAgentsNorTwoCallsOnOneAgent() {
        pool.login("a", Set.of());
        pool.login("b", Set.of());
        pool.assign(C1, "x");
        assertThrows(IllegalStateException.class, () -> pool.assign(C1, "x"));
        assertThrows(IllegalStateException.class, () -> pool.resume("b", Set.of(), Optional.of(C1)));
        assertEquals(1, pool.count(AgentState.ON_CALL, "x"));
    }

    @Test
    void wrapUpEndsByTimerByDispositionOrByReady() {
        pool.login("a", Set.of());
        pool.assign(C1, "x");
        clock.advance(Duration.ofSeconds(60));
        Agent a = pool.callEnded(C1).orElseThrow();
        assertEquals(AgentState.WRAP_UP, a.state());
        assertEquals(clock.instant().plusSeconds(20), pool.nextWrapUpEnd().orElseThrow());
        clock.advance(Duration.ofSeconds(19));
        assertTrue(pool.tick().isEmpty());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, pool.tick().size());
        assertEquals(AgentState.READY, a.state());
        assertEquals(Duration.ofSeconds(60), a.timeIn(AgentState.ON_CALL, clock.instant()));
        assertEquals(Duration.ofSeconds(20), a.timeIn(AgentState.WRAP_UP, clock.instant()));

        pool.assign(C2, "x");
        pool.callEnded(C2);
        pool.dispose("a", Disposition.PROMISE_TO_PAY);
        assertEquals(AgentState.READY, a.state());
        assertEquals(Disposition.PROMISE_TO_PAY, a.disposition());
    }

    @Test
    void pauseNeedsAConfiguredReasonAndWaitsForTheCallToEnd() {
        pool.login("a", Set.of());
        assertThrows(IllegalArgumentException.class, () -> pool.pause("a", "smoke"));
        pool.assign(C1, "x");
        pool.pause("a", "lunch");
        assertEquals(AgentState.ON_CALL, pool.agent("a").orElseThrow().state());
        pool.callEnded(C1);
        pool.dispose("a", Disposition.REFUSED);
        Agent a = pool.agent("a").orElseThrow();
        assertEquals(AgentState.PAUSED, a.state());
        assertEquals("lunch", a.pauseReason());
        assertTrue(pool.assign(C2, "x").isEmpty(), "a paused agent takes no call");
        pool.ready("a");
        assertEquals("a", pool.assign(C2, "x").orElseThrow().id());
    }

    @Test
    void refusesTransitionsTheStateMachineDoesNotAllow() {
        pool.login("a", Set.of());
        assertThrows(IllegalStateException.class, () -> pool.dispose("a", Disposition.REFUSED));
        assertThrows(IllegalStateException.class, () -> pool.login("a", Set.of()));
        assertFalse(AgentState.LOGGED_OUT.canGoTo(AgentState.ON_CALL));
        assertFalse(AgentState.PAUSED.canGoTo(AgentState.ON_CALL));
        assertTrue(AgentState.WRAP_UP.canGoTo(AgentState.PAUSED));
    }

    @Test
    void aDroppedAgentLegLogsOutAndReleasesTheCall() {
        pool.login("a", Set.of());
        pool.assign(C1, "x");
        assertEquals(Optional.of(C1), pool.agentLegDropped("a"));
        assertEquals(AgentState.LOGGED_OUT, pool.agent("a").orElseThrow().state());
        assertTrue(pool.holder(C1).isEmpty());
        assertTrue(pool.callEnded(C1).isEmpty(), "the call's later hang-up finds no agent");
        assertEquals(Optional.empty(), pool.agentLegDropped("a"), "a replayed drop is harmless");
        pool.login("a", Set.of());
        assertEquals(AgentState.READY, pool.agent("a").orElseThrow().state());
    }

    @Test
    void reconcileAfterPbxReconnectLeavesNobodyStuck() {
        pool.login("talking", Set.of());
        clock.advance(Duration.ofSeconds(1));
        pool.login("orphaned", Set.of());
        clock.advance(Duration.ofSeconds(1));
        pool.login("gone", Set.of());
        pool.assign(C1, "x");
        pool.assign(C2, "x");
        String talking = "talking";
        String orphaned = "orphaned";
        assertEquals(talking, pool.holder(C1).orElseThrow().id());
        // The PBX came back: "gone"'s leg is not there, C2 ended while we were disconnected.
        var changed = pool.reconcile(Set.of(talking, orphaned), Set.of(C1));
        assertEquals(2, changed.size());
        assertEquals(AgentState.LOGGED_OUT, pool.agent("gone").orElseThrow().state());
        assertEquals(AgentState.ON_CALL, pool.agent(talking).orElseThrow().state());
        assertEquals(AgentState.WRAP_UP, pool.agent(orphaned).orElseThrow().state());
    }

    @Test
    void resumeAfterDialerRestartRestoresAgentsFromThePbx() {
        AgentPool fresh = new AgentPool(clock, Duration.ofSeconds(20), Set.of());
        Agent a = fresh.resume("a", Set.of(), Optional.of(C1));
        Agent b = fresh.resume("b", Set.of(), Optional.empty());
        assertEquals(AgentState.ON_CALL, a.state());
        assertEquals(C1, a.call());
        assertEquals(AgentState.READY, b.state());
        assertEquals("a", fresh.holder(C1).orElseThrow().id());
    }

    @Test
    void tellsItsListenersEveryStateChangeWithTheCallHeld() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        pool.addListener(a -> seen.add(a.id() + ":" + a.state() + (a.call() == null ? "" : ":" + a.call().value())));
        pool.login("a", Set.of());
        pool.assign(C1, "x");
        pool.pause("a", "lunch");
        pool.callEnded(C1);
        pool.dispose("a", Disposition.REFUSED);
        pool.ready("a");
        pool.logout("a");
        assertEquals(java.util.List.of("a:READY", "a:ON_CALL:c-1", "a:ON_CALL:c-1", "a:WRAP_UP", "a:PAUSED", "a:READY",
                "a:LOGGED_OUT"), seen);
    }

    @Test
    void aPreviewingAgentTakesNoCallUntilItDialsAndThenHoldsItsOwn() {
        pool.login("a", Set.of());
        pool.preview("a");
        assertEquals(AgentState.PREVIEW, pool.agent("a").orElseThrow().state());
        assertTrue(pool.assign(C1, "x").isEmpty(), "a previewing agent is not offered calls");
        assertThrows(IllegalStateException.class, () -> pool.preview("a"), "one debtor at a time");
        Agent a = pool.dialPreview("a", C1);
        assertEquals(AgentState.ON_CALL, a.state());
        assertEquals("a", pool.holder(C1).orElseThrow().id());
        assertThrows(IllegalStateException.class, () -> pool.dialPreview("a", C2), "not previewing any more");
        assertEquals(AgentState.WRAP_UP, pool.callEnded(C1).orElseThrow().state(), "an unanswered preview call wraps up too");
    }

    @Test
    void aPreviewEndsInReadyPausedOrLoggedOutAndOnlyReadyAgentsPreview() {
        pool.login("a", Set.of());
        pool.preview("a");
        assertEquals(AgentState.READY, pool.previewEnded("a").state());
        assertThrows(IllegalStateException.class, () -> pool.previewEnded("a"), "not previewing");
        pool.preview("a");
        assertEquals(AgentState.PAUSED, pool.pause("a", "lunch").state());
        assertThrows(IllegalStateException.class, () -> pool.preview("a"), "a paused agent previews nothing");
        pool.ready("a");
        pool.preview("a");
        assertEquals(Optional.empty(), pool.logout("a"), "no call held while previewing");
        assertThrows(IllegalStateException.class, () -> pool.dialPreview("a", C1));
    }
}
