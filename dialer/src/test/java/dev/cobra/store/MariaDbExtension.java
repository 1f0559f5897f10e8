package dev.cobra.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real MariaDB: one embedded server per test JVM (started on first use, stopped when the
 * run ends), and a fresh, migrated database per test class ({@code cobra_t<n>}), injected as a
 * {@link Database} parameter. Set {@code -Dcobra.test.jdbc=jdbc:mariadb://host:port/} with
 * {@code cobra.test.user}/{@code cobra.test.password} to use an existing server instead.
 */
public final class MariaDbExtension implements ParameterResolver {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == Database.class || p.getParameter().getType() == DbSettings.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        ExtensionContext.Store classStore = e.getStore(ExtensionContext.Namespace.create(MariaDbExtension.class,
                e.getRequiredTestClass()));
        DbSettings settings = classStore.getOrComputeIfAbsent("settings", k -> createDatabase(e), DbSettings.class);
        if (p.getParameter().getType() == DbSettings.class) {
            return settings;
        }
        return classStore.getOrComputeIfAbsent("database", k -> new ClosingDatabase(settings), ClosingDatabase.class).db;
    }

    private static DbSettings createDatabase(ExtensionContext e) {
        DbSettings server = serverSettings(e);
        String name = "cobra_t" + DATABASES.incrementAndGet() + "_" + ProcessHandle.current().pid();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException ex) {
            throw new IllegalStateException("could not create test database " + name + " on " + server, ex);
        }
        return server.withDatabase(name).withPoolSize(8);
    }

    private static DbSettings serverSettings(ExtensionContext e) {
        String url = System.getProperty("cobra.test.jdbc");
        if (url != null) {
            return new DbSettings(url, System.getProperty("cobra.test.user", "root"), System.getProperty("cobra.test.password", ""), 8);
        }
        ExtensionContext.Store root = e.getRoot().getStore(ExtensionContext.Namespace.create(MariaDbExtension.class));
        return root.getOrComputeIfAbsent("server", k -> new ClosingServer(
                EmbeddedMariaDb.start(Path.of("target", "test-mariadb").toAbsolutePath())), ClosingServer.class).settings;
    }

    private static final class ClosingServer implements ExtensionContext.Store.CloseableResource {
        final EmbeddedMariaDb server;
        final DbSettings settings;

        ClosingServer(EmbeddedMariaDb server) {
            this.server = server;
            this.settings = server.settings().withDatabase("");
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private static final class ClosingDatabase implements ExtensionContext.Store.CloseableResource {
        final Database db;

        ClosingDatabase(DbSettings settings) {
            this.db = new Database(settings, "test");
            db.migrate();
        }

        @Override
        public void close() {
            db.close();
        }
    }
}
