package dev.chorus.store;

import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.JdbiException;

/** The webhook's record of updates taken, so a re-delivered one is handled once. Thread-safe. */
public final class SeenUpdates {
    /** Telegram keeps an undelivered update a day; two is the margin. */
    public static final Duration KEPT = Duration.ofDays(2);
    private static final int PRUNE_EVERY = 10_000;

    private final Database database;
    private final Clock clock;
    private final java.util.concurrent.atomic.AtomicLong taken = new java.util.concurrent.atomic.AtomicLong();

    public SeenUpdates(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Records {@code updateId}; true the first time, false for a repeat. Now and then forgets the old ones. */
    public boolean first(long updateId) {
        boolean fresh;
        try {
            fresh = database.jdbi().withHandle(h -> h.createUpdate(
                            "INSERT INTO updates_seen (update_id, at) VALUES (:id, :at) ON CONFLICT (update_id) DO NOTHING")
                    .bind("id", updateId).bind("at", clock.instant().toString()).execute()) == 1;
        } catch (JdbiException e) {
            throw new StoreException("cannot record update " + updateId, e);
        }
        if (fresh && taken.incrementAndGet() % PRUNE_EVERY == 0) {
            prune(KEPT);
        }
        return fresh;
    }

    /** Undoes {@link #first} for an update that could not be taken after all, so that it is taken when posted again. */
    public void forget(long updateId) {
        try {
            database.jdbi().useHandle(h -> h.createUpdate("DELETE FROM updates_seen WHERE update_id = :id")
                    .bind("id", updateId).execute());
        } catch (JdbiException e) {
            throw new StoreException("cannot forget update " + updateId, e);
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
