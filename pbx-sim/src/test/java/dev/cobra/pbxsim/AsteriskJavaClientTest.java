package dev.cobra.pbxsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cobra.pbxsim.scenario.Scenario;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.Test;

/** asterisk-java, the library the dialer's adapter uses, talks to the simulator as to Asterisk. */
class AsteriskJavaClientTest {
    private static <T extends ManagerEvent> T await(LinkedBlockingQueue<ManagerEvent> events, Class<T> type)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            ManagerEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
        throw new IllegalStateException("no " + type.getSimpleName() + " within 10000ms");
    }

    @Test
    void logsInPingsAndSeesABusyOriginate() throws Exception {
        try (PbxSim pbx = PbxSim.builder().scenario(Scenario.traces(2)).virtualTime().start()) {
            ManagerConnection c = new ManagerConnectionFactory("127.0.0.1", pbx.amiPort(), "dialer", "secret")
                    .createManagerConnection();
            LinkedBlockingQueue<ManagerEvent> events = new LinkedBlockingQueue<>();
            c.addEventListener(events::add);
            try {
                c.login();
                assertEquals(ManagerConnectionState.CONNECTED, c.getState());
                ManagerResponse pong = c.sendAction(new PingAction(), 5000);
                assertEquals("Success", pong.getResponse());

                OriginateAction o = new OriginateAction();
                o.setChannel("Local/101@customers");
                o.setContext("dialer-ivr");
                o.setExten("s");
                o.setPriority(1);
                o.setCallerId("\"Collections\" <5551000>");
                o.setTimeout(30_000L);
                o.setAsync(true);
                o.setVariable("ACCOUNT_ID", "ACC-1");
                ManagerResponse queued = c.sendAction(o, 5000);
                assertEquals("Originate successfully queued", queued.getMessage());
                pbx.advance(Duration.ofSeconds(1));
                OriginateResponseEvent r = await(events, OriginateResponseEvent.class);
                assertEquals("Failure", r.getResponse());
                assertEquals(Integer.valueOf(5), r.getReason());
                HangupEvent h = await(events, HangupEvent.class);
                assertNotNull(h.getCause());
                assertTrue(h.getChannel().startsWith("Local/101@customers-"), h.getChannel());
            } finally {
                c.logoff();
            }
        }
    }
}
