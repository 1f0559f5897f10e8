package dev.cobra.pbxsim;

import dev.cobra.pbxsim.ami.AmiServerConfig;
import dev.cobra.pbxsim.scenario.Scenario;
import dev.cobra.pbxsim.scenario.ScenarioFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone PBX simulator for demos and load tests:
 * {@code java -jar pbx-sim.jar --ami-port 5038 --scenario FILE --seed N}. Runs on the wall clock
 * until the process is stopped.
 */
public final class Main {
    static final String USAGE = "usage: pbx-sim [--ami-port PORT (default 5038)] [--host ADDRESS (default 127.0.0.1)]"
            + " [--scenario FILE|NAME (default: the traces' dialplan; NAME = bundled scenarios/NAME)] [--seed N]"
            + " [--ami-user USER --ami-secret SECRET (default dialer/secret)]";

    private Main() {}

    /** Parsed command line. */
    record Options(int amiPort, String host, String scenario, Long seed, String user, String secret) {}

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        PbxSim pbx = start(options, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pbx.close();
            stopped.countDown();
        }, "pbx-sim-shutdown"));
        stopped.await();
    }

    static Options parse(String[] args) {
        int port = 5038;
        String host = "127.0.0.1";
        String scenario = null;
        Long seed = null;
        String user = "dialer";
        String secret = "secret";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                throw new IllegalArgumentException("pbx-sim: protocol-faithful Asterisk 22 AMI simulator");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + ": missing value");
            }
            String v = args[++i];
            if (a.equals("--ami-port")) {
                port = intArg(a, v);
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("--ami-port: " + port + " (expected: 0..65535)");
                }
            } else if (a.equals("--host")) {
                host = v;
            } else if (a.equals("--scenario")) {
                scenario = v;
            } else if (a.equals("--seed")) {
                try {
                    seed = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--seed: '" + v + "' (expected: an integer)", e);
                }
            } else if (a.equals("--ami-user")) {
                user = v;
            } else if (a.equals("--ami-secret")) {
                secret = v;
            } else {
                throw new IllegalArgumentException(a + ": unknown option");
            }
        }
        return new Options(port, host, scenario, seed, user, secret);
    }

    private static int intArg(String name, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + v + "' (expected: an integer)", e);
        }
    }

    /** Loads the scenario, starts the simulator and prints where it listens. */
    static PbxSim start(Options o, PrintStream out) throws IOException, InterruptedException {
        Scenario scenario = loadScenario(o.scenario());
        if (o.seed() != null) {
            scenario = new Scenario(o.seed(), scenario.traceNumbers(), scenario.numbers(), scenario.customers(),
                    scenario.agents());
        }
        PbxSim pbx = PbxSim.builder().scenario(scenario).host(o.host()).amiPort(o.amiPort())
                .config(AmiServerConfig.defaults().withAccount(o.user(), o.secret())).start();
        out.println("pbx-sim: AMI on " + o.host() + ":" + pbx.amiPort() + " (user " + o.user() + "), scenario "
                + (o.scenario() == null ? "traces" : o.scenario()) + ", seed " + scenario.seed());
        return pbx;
    }

    static Scenario loadScenario(String nameOrFile) throws IOException {
        if (nameOrFile == null) {
            return Scenario.traces(1);
        }
        Path file = Path.of(nameOrFile);
        if (Files.isRegularFile(file)) {
            return ScenarioFile.read(file);
        }
        String resource = "scenarios/" + (nameOrFile.endsWith(".yaml") ? nameOrFile : nameOrFile + ".yaml");
        try (InputStream in = Main.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("--scenario: '" + nameOrFile
                        + "' (expected: a YAML file or a bundled name such as collections-demo)");
            }
            return ScenarioFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        }
    }
}
