package dev.chorus.orchestration.delegation;

import dev.chorus.i18n.Phrase;
import dev.chorus.provider.catalog.ModelSpec;

/**
 * One model as the engine saw it for a question.
 *
 * @param quality expected quality for this task, 0..1
 * @param estimatedCostMicros likely cost of the answer
 * @param rejection why it cannot take this question (context, privacy, budget), or null
 */
public record Candidate(ModelSpec model, double quality, long estimatedCostMicros, Phrase rejection) {
    public boolean eligible() {
        return rejection == null;
    }

    /** Why it cannot take this question, in English; null when it can. */
    public String rejected() {
        return rejection == null ? null : rejection.english();
    }
}
