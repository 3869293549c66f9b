package dev.chorus.store;

import dev.chorus.orchestration.Ratings;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/** {@link Ratings} in SQLite: one row per rating event. Thread-safe. */
public final class JdbiRatings implements Ratings {
    private final RatingDao dao;
    private final Clock clock;

    public JdbiRatings(Database database, Clock clock) {
        this.dao = database.jdbi().onDemand(RatingDao.class);
        this.clock = clock;
    }

    @Override
    public boolean record(Rating r) {
        return guard(() -> dao.record(r, clock.instant().toString()));
    }

    /** Records imported ratings in one transaction: a bulk import is one write, not one per line. */
    public void recordAll(java.util.List<Rating> batch) {
        String at = clock.instant().toString();
        guard(() -> {
            dao.insertAll(batch, at);
            return null;
        });
    }

    @Override
    public Optional<Rated> answer(long answerId, long chatId) {
        return guard(() -> dao.answer(answerId, chatId).map(r -> new Rated(r.answerId(), r.model(), r.strategy(),
                r.question())));
    }

    @Override
    public Optional<Long> latestAnswer(long chatId) {
        return guard(() -> dao.latestAnswer(chatId));
    }

    @Override
    public java.util.List<Own> byPerson(long userId) {
        return guard(() -> dao.byPerson(userId).stream().map(r -> new Own(r.model(), r.ratings(), r.good())).toList());
    }

    private static <T> T guard(Supplier<T> action) {
        try {
            return action.get();
        } catch (JdbiException e) {
            throw new StoreException("cannot read or write a rating", e);
        }
    }
}
