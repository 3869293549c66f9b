package dev.chorus.orchestration.delegation;

import dev.chorus.i18n.Phrase;
import dev.chorus.provider.catalog.ModelSpec;
import java.util.List;

/**
 * Where a question goes and why.
 *
 * @param chosen the model that answers first
 * @param fallbacks the models that stand in, in order (chosen excluded)
 * @param why one line a person can read, in their language once rendered: why this model
 * @param bar the quality the task needs, 0..1
 * @param candidates every model considered, with its expected quality, cost and any rejection
 * @param escalated true when a hard question was sent to a stronger model than the cheapest adequate one
 */
public record Decision(ModelSpec chosen, List<ModelSpec> fallbacks, Phrase why, double bar,
                       List<Candidate> candidates, boolean escalated) {
    public Decision {
        fallbacks = List.copyOf(fallbacks);
        candidates = List.copyOf(candidates);
    }

    /** Why this model, in English (the command line, logs). */
    public String reason() {
        return why.english();
    }

    /** The chosen model followed by its fallbacks. */
    public List<ModelSpec> order() {
        List<ModelSpec> order = new java.util.ArrayList<>();
        order.add(chosen);
        order.addAll(fallbacks);
        return order;
    }
}
