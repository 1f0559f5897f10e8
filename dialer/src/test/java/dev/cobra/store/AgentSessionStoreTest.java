package dev.cobra.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cobra.campaign.AgentSessionLog.Saved;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MariaDbExtension.class)
class AgentSessionStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

    private final AgentSessionStore nodeA;
    private final AgentSessionStore nodeB;

    AgentSessionStoreTest(Database db) {
        this.nodeA = new AgentSessionStore(db, "store-node-a", CLOCK);
        this.nodeB = new AgentSessionStore(db, "store-node-b", CLOCK);
    }

    private static Saved session(String agent, String state, String uniqueid, String pauseReason) {
        return new Saved(agent, "3" + agent.substring(agent.length() - 2), Set.of("c2", "c1"), state, uniqueid == null ? null : "ast-1",
                uniqueid == null ? null : "PJSIP/3" + agent + "-0001", uniqueid, pauseReason, null);
    }

    @Test
    void eachNodeReadsBackTheOpenSessionsItSavedLast() {
        nodeA.save(session("st01", "OPENING", null, null));
        nodeA.save(session("st01", "READY", "1732.1", null));
        nodeA.save(session("st02", "PAUSED", "1732.2", "lunch"));
        nodeA.save(session("st03", "READY", "1732.3", null));
        nodeA.save(session("st03", "LOGGED_OUT", null, null));
        assertEquals(List.of(session("st01", "READY", "1732.1", null), session("st02", "PAUSED", "1732.2", "lunch")), open(nodeA, "st0"),
                "campaigns come back as a set, logged-out sessions are not open");
        assertEquals(List.of(), open(nodeB, "st0"), "another node's");
    }

    @Test
    void aLoginOnAnotherNodeTakesTheRowAndTheFirstNodesLogOutDoesNotClobberIt() {
        nodeA.save(session("st11", "READY", "1732.11", null));
        nodeB.save(session("st11", "OPENING", null, null)); // the agent logged in on node B since
        nodeA.save(session("st11", "LOGGED_OUT", null, null)); // node A's late "leg down" for its old leg
        assertEquals(List.of(), open(nodeA, "st1"));
        assertEquals(List.of(session("st11", "OPENING", null, null)), open(nodeB, "st1"));
    }

    /** The node's open sessions of agents whose id starts with {@code prefix} (the tests share one database). */
    private static List<Saved> open(AgentSessionStore node, String prefix) {
        return node.open().stream().filter(s -> s.agentId().startsWith(prefix)).toList();
    }
}
