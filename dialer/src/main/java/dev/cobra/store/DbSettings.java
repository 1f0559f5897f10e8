package dev.cobra.store;

import java.util.Objects;

/**
 * Where the store connects: a JDBC URL with its credentials and the pool size.
 *
 * @param jdbcUrl  e.g. {@code jdbc:mariadb://127.0.0.1:3306/cobra}
 * @param user     database user
 * @param password database password (never logged)
 * @param poolSize maximum connections in the pool
 */
public record DbSettings(String jdbcUrl, String user, String password, int poolSize) {
    public DbSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!jdbcUrl.startsWith("jdbc:mariadb:") && !jdbcUrl.startsWith("jdbc:mysql:")) {
            throw new IllegalArgumentException("jdbcUrl: " + jdbcUrl + " (expected: jdbc:mariadb://host:port/db)");
        }
        if (poolSize < 1 || poolSize > 200) {
            throw new IllegalArgumentException("poolSize: " + poolSize + " (expected: 1..200)");
        }
    }

    /** The same server and credentials, another database (used by tests for isolation). */
    public DbSettings withDatabase(String database) {
        int slash = jdbcUrl.indexOf('/', "jdbc:mariadb://".length());
        int query = jdbcUrl.indexOf('?');
        String base = slash < 0 ? jdbcUrl : jdbcUrl.substring(0, slash);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        return new DbSettings(base + "/" + database + params, user, password, poolSize);
    }

    public DbSettings withPoolSize(int size) {
        return new DbSettings(jdbcUrl, user, password, size);
    }

    @Override
    public String toString() {
        return "DbSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
