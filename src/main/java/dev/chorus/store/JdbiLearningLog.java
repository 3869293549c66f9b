package dev.chorus.store;

import dev.chorus.orchestration.learning.QualitySnapshots;
import dev.chorus.orchestration.learning.RatingEvent;
import dev.chorus.orchestration.learning.RatingEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/**
 * The rating log as learning reads it (each event with whom it credits and the rating it replaces),
 * and the saved learned state. Thread-safe.
 */
public final class JdbiLearningLog implements RatingEvents, QualitySnapshots {
    /** How long a gap in the ratings' ids may be a rating still being written by another replica. */
    static final java.time.Duration GAP_SETTLES = java.time.Duration.ofSeconds(10);

    private final LearningDao dao;
    private final Clock clock;

    public JdbiLearningLog(Database database, Clock clock) {
        this.dao = database.jdbi().onDemand(LearningDao.class);
        this.clock = clock;
    }

    @Override
    public List<RatingEvent> after(long afterId, int limit) {
        return guard(() -> {
            List<RatingEvent> events = new ArrayList<>();
            long expected = afterId + 1;
            Instant settled = Instant.now().minus(GAP_SETTLES);
            for (LearningDao.Row row : dao.after(afterId, limit)) {
                // Replicas insert at once, and a later id may commit first: a missing id is waited
                // for (the caller's watermark would skip it for good) until it is surely rolled back.
                if (row.id() != expected && Instant.parse(row.at()).isAfter(settled)) {
                    break;
                }
                expected = row.id() + 1;
                RatingEvent replaced = null;
                if (row.answerId() != null) {
                    replaced = dao.previous(row.answerId(), row.userId(), row.id()).map(this::event).orElse(null);
                }
                events.add(event(row, replaced));
            }
            return events;
        });
    }

    private RatingEvent event(LearningDao.Row row) {
        return event(row, null);
    }

    private RatingEvent event(LearningDao.Row row, RatingEvent replaced) {
        Set<String> credited = new LinkedHashSet<>();
        credited.add(row.model());
        if (row.strategy() != null) {
            // a /multi answer is the work of all its members, and a result of its strategy
            if (row.answerId() != null) {
                credited.addAll(dao.members(row.answerId()));
            }
            credited.add(RatingEvent.strategyKey(row.strategy()));
        }
        return new RatingEvent(row.id(), Instant.parse(row.at()), List.copyOf(credited), row.question(), row.score(),
                row.costMicros() == null ? -1 : row.costMicros(), replaced);
    }

    @Override
    public Optional<byte[]> load(String fingerprint) {
        return guard(() -> dao.snapshot(fingerprint));
    }

    @Override
    public void save(String fingerprint, long throughEventId, byte[] state) {
        guard(() -> {
            dao.saveSnapshot(fingerprint, throughEventId, state, clock.instant().toString());
            return null;
        });
    }

    private static <T> T guard(Supplier<T> action) {
        try {
            return action.get();
        } catch (JdbiException e) {
            throw new StoreException("cannot read the ratings or the learned state", e);
        }
    }
}
