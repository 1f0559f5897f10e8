package dev.cobra.store;

/** A database operation failed (connection lost, constraint violated, SQL error). The cause is chained. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
