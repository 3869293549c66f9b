package dev.chorus.orchestration.learning;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One rating as learning sees it.
 *
 * @param id the event's place in the log: events are applied in this order, once each
 * @param credited who the rating is about: the model that answered, and for a /multi answer its
 *                 members and the strategy (as {@code strategy:<name>})
 * @param score 1 (bad) to 5 (good)
 * @param costMicros what the rated answer cost, or -1 when unknown (an imported rating)
 * @param replaced the same person's earlier rating of the same answer, which this one takes the place of, or null
 */
public record RatingEvent(long id, Instant at, List<String> credited, String question, int score, long costMicros,
                          RatingEvent replaced) {
    /** A rating from 4 up is a good answer; what /stats counts as good. */
    public static final int GOOD_FROM = 4;

    public RatingEvent {
        credited = List.copyOf(credited);
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(question, "question");
    }

    /** The rating on the scale learning uses: 1 → 0, 5 → 1. */
    public double quality() {
        return (score - 1) / 4.0;
    }

    public static String strategyKey(String strategy) {
        return "strategy:" + strategy;
    }
}
