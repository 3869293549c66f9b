package dev.chorus.orchestration.learning;

import java.util.OptionalLong;

/**
 * How one model (or {@code strategy:<name>}) was rated on one domain's questions.
 *
 * @param good ratings of 4 or 5
 * @param costed ratings of answers whose cost is known (not imported ones)
 * @param costMicros what those answers cost together
 * @param costedGood the good ones among them
 */
public record RatingTally(String domain, String model, long ratings, long good, long costed, long costMicros,
                          long costedGood) {
    public double shareGood() {
        return ratings == 0 ? 0 : (double) good / ratings;
    }

    /** What one good answer cost: all the rated answers' cost over the good ones, when any are known. */
    public OptionalLong costPerGoodMicros() {
        return costedGood == 0 ? OptionalLong.empty() : OptionalLong.of((costMicros + costedGood / 2) / costedGood);
    }
}
