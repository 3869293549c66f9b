package dev.chorus.provider.resilience;

import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.catalog.ModelSpec;
import java.util.List;
import java.util.Optional;

/**
 * How a fallback chain ended.
 *
 * @param answeredBy the model that finished the answer, empty when none did
 * @param text everything the user was shown, notes about a change of model included
 * @param last the final outcome (the answer, or the last failure)
 */
public record ChainResult(Optional<ModelSpec> answeredBy, String text, ChatOutcome last, List<Attempt> attempts) {
    public ChainResult {
        attempts = List.copyOf(attempts);
    }

    public long costMicros() {
        return attempts.stream().mapToLong(Attempt::costMicros).sum();
    }

    public boolean costEstimated() {
        return attempts.stream().anyMatch(a -> a.usage().estimated());
    }

    /** The models that were called and failed before the one that answered. */
    public List<ModelSpec> failedModels() {
        return attempts.stream().filter(a -> a.called() && answeredBy.map(m -> m != a.model()).orElse(true))
                .map(Attempt::model).toList();
    }
}
