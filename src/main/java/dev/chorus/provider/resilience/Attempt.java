package dev.chorus.provider.resilience;

import dev.chorus.i18n.Phrase;
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
 * @param denial the budget's reason, for the user, when it refused it; else null
 * @param costMicros what the call cost; estimated from the text shown when the provider sent no usage
 */
public record Attempt(ModelSpec model, ChatOutcome outcome, String skipped, boolean deniedBySpendGate, Usage usage,
                      long costMicros, Duration took, Phrase denial) {
    public Attempt(ModelSpec model, ChatOutcome outcome, String skipped, boolean deniedBySpendGate, Usage usage,
                   long costMicros, Duration took) {
        this(model, outcome, skipped, deniedBySpendGate, usage, costMicros, took, null);
    }

    static Attempt skipped(ModelSpec model, String why) {
        return new Attempt(model, null, why, false, Usage.ZERO, 0, Duration.ZERO);
    }

    /** Refused by the budget: the trace keeps the reason in English, the user is told it in theirs. */
    static Attempt denied(ModelSpec model, Phrase why) {
        return new Attempt(model, null, why.english(), true, Usage.ZERO, 0, Duration.ZERO, why);
    }

    public boolean called() {
        return outcome != null;
    }
}
