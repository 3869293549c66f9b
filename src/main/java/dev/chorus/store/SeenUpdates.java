package dev.chorus.store;

import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.JdbiException;

/** The webhook's record of updates taken, so a re-delivered one is handled once. Thread-safe. */
public final class SeenUpdates {
    private final Database database;
    private final Clock clock;

    public SeenUpdates(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Records {@code updateId}; true the first time, false for a repeat. */
    public boolean first(long updateId) {
        try {
            return database.jdbi().withHandle(h -> h.createUpdate(
                            "INSERT INTO updates_seen (update_id, at) VALUES (:id, :at) ON CONFLICT (update_id) DO NOTHING")
                    .bind("id", updateId).bind("at", clock.instant().toString()).execute()) == 1;
        } catch (JdbiException e) {
            throw new StoreException("cannot record update " + updateId, e);
        }
    }

    /** Forgets updates older than {@code age}; returns how many. */
    public int prune(Duration age) {
        try {
            return database.jdbi().withHandle(h -> h.createUpdate("DELETE FROM updates_seen WHERE at < :before")
                    .bind("before", clock.instant().minus(age).toString()).execute());
        } catch (JdbiException e) {
            throw new StoreException("cannot prune the updates seen", e);
        }
    }
}
