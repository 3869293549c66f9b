package dev.chorus.store;

import dev.chorus.config.ChorusConfig;
import dev.chorus.config.DatabaseServer;
import dev.chorus.config.Secret;

/** Opens the database a configuration names: PostgreSQL when {@code db.url} is set, else the SQLite file. */
public final class Databases {
    private Databases() {
    }

    public static Database open(ChorusConfig config) {
        if (config.dbServer().isEmpty()) {
            return Database.open(config.dbPath());
        }
        DatabaseServer server = config.dbServer().get();
        try {
            return Database.openServer(server.url().reveal(), server.user().orElse(null),
                    server.password().map(Secret::reveal).orElse(null), server.poolSize());
        } catch (StoreException e) {
            throw new StoreException(e.getMessage() + "; check db.url (env CHORUS_DB_URL), db.user and db.password",
                    e);
        }
    }

    /** Where the data is, for the log: the file, or the server and database (never a password). */
    public static String describe(ChorusConfig config) {
        return config.dbServer().map(s -> "PostgreSQL " + Database.where(s.url().reveal()))
                .orElseGet(() -> "SQLite " + config.dbPath().toAbsolutePath());
    }
}
