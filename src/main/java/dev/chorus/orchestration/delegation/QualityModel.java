package dev.chorus.orchestration.delegation;

import dev.chorus.orchestration.analysis.TaskProfile;
import dev.chorus.provider.catalog.ModelSpec;

/**
 * The expected quality of each model's answer to one question, 0..1: the one number the delegation
 * engine decides on. {@link #PRIOR} knows only the catalog and the analyzer's difficulty; a learning
 * model adds what ratings of similar questions taught it.
 */
@FunctionalInterface
public interface QualityModel {
    QualityModel PRIOR = prior(Capabilities.CATALOG);

    /** The prior alone, over {@code capabilities}. */
    static QualityModel prior(Capabilities capabilities) {
        return (profile, question) -> model -> PriorQuality.expected(capabilities.of(model, profile.domain()),
                profile.complexity());
    }

    /** Assesses one question; the result is asked once per candidate model, so work shared by all is done here. */
    Assessment assess(TaskProfile profile, String question);

    /** What is expected of each model for the question assessed. */
    @FunctionalInterface
    interface Assessment {
        double expected(ModelSpec model);

        /** How many ratings of similar questions stand behind {@link #expected} (0: the prior alone). */
        default double evidence(ModelSpec model) {
            return 0;
        }
    }
}
