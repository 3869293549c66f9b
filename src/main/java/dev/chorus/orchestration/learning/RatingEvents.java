package dev.chorus.orchestration.learning;

import java.util.List;

/** The log of rating events, oldest first. The store implements it. */
public interface RatingEvents {
    /** Up to {@code limit} events with an id above {@code afterId}, in id order. */
    List<RatingEvent> after(long afterId, int limit);
}
