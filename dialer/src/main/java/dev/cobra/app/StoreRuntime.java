package dev.cobra.app;

import dev.cobra.config.CobraConfig;
import dev.cobra.store.Database;
import dev.cobra.store.DbSettings;
import dev.cobra.store.EmbeddedMariaDb;
import java.util.function.Consumer;

/**
 * The database of one process: the configured MariaDB, or the embedded default started in
 * {@code dataDir/mariadb}. Migrated on open. Closing stops the pool, then the embedded server.
 */
final class StoreRuntime implements AutoCloseable {
    final Database db;
    final EmbeddedMariaDb embedded;
    final String description;

    private StoreRuntime(Database db, EmbeddedMariaDb embedded, String description) {
        this.db = db;
        this.embedded = embedded;
        this.description = description;
    }

    static StoreRuntime open(CobraConfig config) {
        return open(config, step -> {});
    }

    /** Opens and migrates, telling {@code onMigration} each migration as it starts (see {@link Database#migrate}). */
    static StoreRuntime open(CobraConfig config, Consumer<String> onMigration) {
        EmbeddedMariaDb embedded = null;
        DbSettings settings = config.database();
        String description;
        if (settings == null) {
            embedded = EmbeddedMariaDb.start(config.dataDir().resolve("mariadb").toAbsolutePath());
            settings = embedded.settings();
            description = "embedded MariaDB on 127.0.0.1:" + embedded.port() + " (data in " + config.dataDir().resolve("mariadb") + ")";
        } else {
            description = "MariaDB at " + settings.jdbcUrl();
        }
        Database db = null;
        try {
            db = new Database(settings, "cobra");
            db.migrate(onMigration);
            return new StoreRuntime(db, embedded, description);
        } catch (RuntimeException e) {
            if (db != null) {
                db.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        db.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
