package dev.chorus.store;

/** The store could not be opened, migrated, read or written. Wraps SQL and I/O errors so they stay in this package. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
