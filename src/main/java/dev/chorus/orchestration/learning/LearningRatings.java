package dev.chorus.orchestration.learning;

import dev.chorus.orchestration.Ratings;
import java.util.Optional;

/** Ratings that the router learns from as they arrive: each one recorded is applied before the next question is routed. */
public final class LearningRatings implements Ratings {
    private final Ratings store;
    private final LearnedQuality learned;

    public LearningRatings(Ratings store, LearnedQuality learned) {
        this.store = store;
        this.learned = learned;
    }

    @Override
    public boolean record(Rating rating) {
        boolean replaced = store.record(rating);
        learned.catchUp();
        return replaced;
    }

    @Override
    public Optional<Rated> answer(long answerId, long chatId) {
        return store.answer(answerId, chatId);
    }

    @Override
    public java.util.List<Own> byPerson(long userId) {
        return store.byPerson(userId);
    }

    @Override
    public Optional<Long> latestAnswer(long chatId) {
        return store.latestAnswer(chatId);
    }
}
