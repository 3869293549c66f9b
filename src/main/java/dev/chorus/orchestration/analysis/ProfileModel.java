package dev.chorus.orchestration.analysis;

import java.util.Optional;

/**
 * A cheap model asked to classify a question. Implementations own the call's timeout and return
 * empty on any failure; {@link ModelAnalyzer} also treats a thrown exception as empty.
 */
@FunctionalInterface
public interface ProfileModel {
    /** The model's raw reply text, or empty when it could not answer in time. */
    Optional<String> complete(String systemPrompt, String userPrompt);

    /** Whether the model runs on this machine, so a question sent to it stays here. */
    default boolean local() {
        return false;
    }
}
