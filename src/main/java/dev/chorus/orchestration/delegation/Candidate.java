package dev.chorus.orchestration.delegation;

import dev.chorus.provider.catalog.ModelSpec;

/**
 * One model as the engine saw it for a question.
 *
 * @param quality expected quality for this task, 0..1
 * @param estimatedCostMicros likely cost of the answer
 * @param rejected why it cannot take this question (context, privacy, budget), or null
 */
public record Candidate(ModelSpec model, double quality, long estimatedCostMicros, String rejected) {
    public boolean eligible() {
        return rejected == null;
    }
}
