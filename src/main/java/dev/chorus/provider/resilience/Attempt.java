package dev.chorus.provider.resilience;

import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.Usage;
import dev.chorus.provider.catalog.ModelSpec;
import java.time.Duration;

/**
 * One model tried in a fallback chain.
 *
 * @param outcome the call's outcome, or {@code null} when the model was skipped without a call
 * @param skipped why the model was not called (too small a context window, the budget), or null
 * @param deniedBySpendGate true when the budget refused it
 * @param costMicros what the call cost; estimated from the text shown when the provider sent no usage
 */
public record Attempt(ModelSpec model, ChatOutcome outcome, String skipped, boolean deniedBySpendGate, Usage usage,
                      long costMicros, Duration took) {
    static Attempt skipped(ModelSpec model, String why) {
        return new Attempt(model, null, why, false, Usage.ZERO, 0, Duration.ZERO);
    }

    static Attempt denied(ModelSpec model, String why) {
        return new Attempt(model, null, why, true, Usage.ZERO, 0, Duration.ZERO);
    }

    public boolean called() {
        return outcome != null;
    }
}
