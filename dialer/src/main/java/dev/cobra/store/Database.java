package dev.cobra.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool and schema migrations of one MariaDB database.
 *
 * <p>Transactions go through {@link #inTransaction}: the work runs on one connection with
 * autocommit off; it commits when the work returns and rolls back when it throws, so nothing
 * half-written stays behind. Thread-safe.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;

    public Database(DbSettings settings, String poolName) {
        this(settings, poolName, null);
    }

    /** A pool whose HikariCP meters ({@code hikaricp_connections_*}) go to {@code registry} (may be null). */
    public Database(DbSettings settings, String poolName, io.micrometer.core.instrument.MeterRegistry registry) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(10_000);
        config.setValidationTimeout(3_000);
        config.setAutoCommit(true);
        // Every DATETIME is UTC (see Sql); READ COMMITTED keeps SKIP LOCKED claims from
        // taking gap locks on rows they only scanned.
        config.setConnectionInitSql("SET time_zone = '+00:00'");
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (registry != null) {
            config.setMetricsTrackerFactory(new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(registry));
        }
        this.pool = new HikariDataSource(config);
    }

    /** Applies the migrations in {@code classpath:db/migration} (the repository's {@code sql/migrations}). */
    public MigrateResult migrate() {
        return migrate(step -> {});
    }

    /**
     * Applies the migrations, telling {@code onMigration} (e.g. a terminal) and the log which one starts, as
     * {@code V4 campaign dialing}, before it runs: a long one then shows what the process is waiting for.
     */
    public MigrateResult migrate(Consumer<String> onMigration) {
        Callback announce = new BaseCallback() {
            @Override
            public boolean supports(Event event, Context context) {
                return event == Event.BEFORE_EACH_MIGRATE;
            }

            @Override
            public void handle(Event event, Context context) {
                MigrationInfo m = context.getMigrationInfo();
                String step = (m.getVersion() == null ? "R" : "V" + m.getVersion()) + " " + m.getDescription();
                log.info("applying migration {}", step);
                onMigration.accept(step);
            }
        };
        MigrateResult result = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .callbacks(announce)
                .load()
                .migrate();
        if (result.migrationsExecuted == 0) {
            log.info("schema up to date (no migration to apply)");
        } else {
            log.info("schema at version {} ({} migration(s) applied)", result.targetSchemaVersion, result.migrationsExecuted);
        }
        return result;
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Work on one connection inside a transaction. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs the work in a transaction: commit on return, rollback on any exception. */
    public <T> T inTransaction(TransactionWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("transaction failed: " + e.getMessage(), e);
        }
    }

    /** Runs the work with autocommit on (single statements, reads). */
    public <T> T withConnection(TransactionWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("query failed: " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException rollback) {
            cause.addSuppressed(rollback);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
