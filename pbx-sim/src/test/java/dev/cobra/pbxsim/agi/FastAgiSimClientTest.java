package dev.cobra.pbxsim.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The simulated Asterisk over a real localhost socket, against a minimal blocking FastAGI server. */
class FastAgiSimClientTest {
    @Test
    void sendsTheHeaderBlockAnswersCommandsAndReportsWhenTheServerCloses() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                FastAgiSimClient client = FastAgiSimClient.forTests()) {
            server.setSoTimeout(5000);
            AgiCallSpec spec = AgiCallSpec.builder().arg("ACC-1")
                    .debtor(DebtorScript.builder().pressAt(Duration.ofMillis(300), "7").build()).build();
            FastAgiSimClient.Call call = client.call(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()), spec);

            List<String> header = new ArrayList<>();
            List<String> replies = new ArrayList<>();
            try (Socket s = server.accept()) {
                s.setSoTimeout(5000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                for (String l; !(l = in.readLine()).isEmpty(); ) {
                    header.add(l);
                }
                OutputStream out = s.getOutputStream();
                for (String command : List.of("ANSWER", "STREAM FILE welcome 789", "HANGUP", "STREAM FILE x \"\"")) {
                    out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    replies.add(in.readLine());
                }
                replies.add(in.readLine());
            }
            CallRecord r = call.finished().get(5, TimeUnit.SECONDS);

            assertTrue(header.contains("agi_network_script: collect"), header.toString());
            assertTrue(header.contains("agi_request: agi://127.0.0.1:" + server.getLocalPort() + "/collect"), header.toString());
            assertTrue(header.contains("agi_arg_1: ACC-1"), header.toString());
            assertEquals(List.of("200 result=0", "200 result=55 endpos=2400", "200 result=1", "HANGUP",
                    "511 Command Not Permitted on a dead channel or intercept routine"), replies);
            assertEquals(List.of("welcome"), r.playedNames());
            assertTrue(r.serverHungUp());
            assertEquals(1, r.commandsAfterHangup());
            assertEquals(0, client.openConnections());
        }
    }

    @Test
    void pacingIsAskedForEachCommandsSimulatedDurationAndScheduledRepliesKeepTheirOrder() throws Exception {
        List<Duration> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        PlaybackPacing scaledDown = simulated -> {
            asked.add(simulated);
            return simulated.dividedBy(1000);
        };
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                FastAgiSimClient client = new FastAgiSimClient(1, scaledDown, dev.cobra.wire.agi.AgiLimits.DEFAULT)) {
            server.setSoTimeout(5000);
            FastAgiSimClient.Call call = client.call(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()),
                    AgiCallSpec.builder().build());
            List<String> replies = new ArrayList<>();
            try (Socket s = server.accept()) {
                s.setSoTimeout(5000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                while (!in.readLine().isEmpty()) {
                    // header block
                }
                OutputStream out = s.getOutputStream();
                // pipelined on purpose: replies must still come in command order
                out.write("STREAM FILE a \"\"\nWAIT FOR DIGIT 2000\nNOOP\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                for (int i = 0; i < 3; i++) {
                    replies.add(in.readLine());
                }
            }
            call.finished().get(5, TimeUnit.SECONDS);
            assertEquals(List.of("200 result=0 endpos=8000", "200 result=0", "200 result=0"), replies);
            assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ZERO), asked);
        }
    }

    @Test
    void aFailedConnectFailsTheCall() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        try (FastAgiSimClient client = FastAgiSimClient.forTests()) {
            FastAgiSimClient.Call call = client.call(new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort), AgiCallSpec.builder().build());
            assertTrue(call.finished().handle((r, e) -> e != null).get(5, TimeUnit.SECONDS));
        }
    }
}
