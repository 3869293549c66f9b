package dev.chorus.orchestration;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** How one question ended. */
public sealed interface AskOutcome {

    /**
     * A model answered.
     *
     * @param costMicros what the call cost, in micro-dollars
     * @param costEstimated true when the provider reported no usage and tokens were counted locally
     * @param truncated true when the answer hit the output limit and stops mid-way
     * @param budgetCut true when it stops mid-way because the budget had no room for more
     * @param failedModels the models that failed before {@code modelId} answered, in order
     * @param routing how the model was chosen, or null when it was not routed
     * @param steps every call made for it, stand-ins included, for the trace
     */
    record Answered(String text, String modelId, long costMicros, boolean costEstimated, Duration took,
                    boolean truncated, boolean budgetCut, List<String> failedModels, Routing routing, List<Step> steps,
                    long reasoningTokens)
            implements AskOutcome {
        public Answered(String text, String modelId, long costMicros, boolean costEstimated, Duration took,
                        boolean truncated, boolean budgetCut, List<String> failedModels, Routing routing,
                        List<Step> steps) {
            this(text, modelId, costMicros, costEstimated, took, truncated, budgetCut, failedModels, routing, steps, 0);
        }

        public Answered {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(modelId, "modelId");
            failedModels = List.copyOf(failedModels);
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    /**
     * Why the model was chosen.
     *
     * @param escalated a hard question went to a stronger model than the cheapest adequate one
     * @param explanation the full text for the "Why this model?" button, in the asker's language once rendered
     */
    record Routing(String domain, double complexity, boolean escalated, dev.chorus.i18n.Phrase explanation) {
        public Routing(String domain, double complexity, boolean escalated, String explanation) {
            this(domain, complexity, escalated, dev.chorus.i18n.Phrase.verbatim(explanation));
        }
    }

    /** The question holds private data and no local model can take it: the user must choose. */
    record NeedsConsent(dev.chorus.i18n.Phrase privateData, String cloudModel) implements AskOutcome {
    }

    /** No configured model can take the question; {@code reason} is for the user. */
    record NoModel(dev.chorus.i18n.Phrase reason) implements AskOutcome {
    }

    /** The model declined to answer; {@code refusal} is its own explanation. */
    record Declined(String refusal, String modelId, long costMicros) implements AskOutcome {
    }

    /**
     * No answer. {@code partialText} is what had arrived before an interruption, or empty;
     * {@code costMicros} what the failed attempts cost (a broken stream is billed).
     */
    record Failed(Failure failure, String modelId, String partialText, long costMicros) implements AskOutcome {
        public Failed {
            Objects.requireNonNull(failure, "failure");
            partialText = partialText == null ? "" : partialText;
        }
    }

    /** The budget allowed none of the models; {@code message} says which budget and when it resets. */
    record OverBudget(dev.chorus.i18n.Phrase message) implements AskOutcome {
    }
}
