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
     * @param failedModels the models that failed before {@code modelId} answered, in order
     */
    record Answered(String text, String modelId, long costMicros, boolean costEstimated, Duration took,
                    boolean truncated, List<String> failedModels) implements AskOutcome {
        public Answered {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(modelId, "modelId");
            failedModels = List.copyOf(failedModels);
        }
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
    record OverBudget(String message) implements AskOutcome {
    }
}
