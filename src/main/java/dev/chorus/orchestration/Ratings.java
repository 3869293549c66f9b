package dev.chorus.orchestration;

import java.util.Objects;
import java.util.Optional;

/**
 * People's ratings of answers, kept as events: what the router learns from. A person rates an
 * answer once; rating it again replaces the earlier rating. The store implements this.
 */
public interface Ratings {
    /** Records {@code rating}; returns whether it replaced this person's earlier rating of the answer. */
    boolean record(Rating rating);

    /** What answer {@code answerId} in {@code chatId} answered, for rating it; empty when unknown there. */
    Optional<Rated> answer(long answerId, long chatId);

    /** The newest answer in {@code chatId}, for /rate without a reply in a private chat. */
    Optional<Long> latestAnswer(long chatId);

    /** A person's own ratings per model, their current vote per answer, most rated first. */
    java.util.List<Own> byPerson(long userId);

    /** How one person rated one model's answers: {@code good} counts 4 and 5 (👍). */
    record Own(String model, long ratings, long good) {
    }

    /** How a rating came. */
    enum Source {
        /** 👍 (5) or 👎 (1) under an answer. */
        BUTTON,
        /** {@code /rate 1-5 [comment]}. */
        RATE,
        /** "↻ better model": a 👎 for the model that answered first. */
        BETTER,
        /** Imported by the {@code learn} command. */
        LEARN
    }

    /** The answer a rating is about: which model answered which question, and how. */
    record Rated(long answerId, String model, String strategy, String question) {
    }

    /**
     * One rating.
     *
     * @param answerId the rated answer, or null for an imported rating
     * @param strategy the /multi strategy that produced the answer, or null for one model
     * @param score 1 (bad) to 5 (good)
     * @param comment what the person added, or null
     */
    record Rating(Long answerId, long chatId, long userId, String model, String strategy, String question, int score,
                  String comment, Source source) {
        public Rating {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(source, "source");
            if (score < 1 || score > 5) {
                throw new IllegalArgumentException("score must be 1 to 5: " + score);
            }
        }
    }
}
