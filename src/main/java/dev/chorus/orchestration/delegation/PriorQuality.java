package dev.chorus.orchestration.delegation;

import dev.chorus.orchestration.analysis.TaskProfile;
import dev.chorus.provider.catalog.ModelSpec;

/**
 * What is expected of a model before anyone rated it: the chance its answer is good enough, from its
 * catalog capability for the question's domain against what the question demands. The demand rises
 * with the analyzer's difficulty, so the same model is expected to do worse on a harder question, and
 * a weak model loses more than a strong one: the ranking of questions by need for a stronger model
 * is the analyzer's. The margin is squashed with a logistic curve: a model just at the demand is a
 * coin toss (0.5), a model well above it is near 1.
 */
public final class PriorQuality {
    /** The capability an easy question demands; the hardest demands {@code BASE + SPAN}. */
    static final double BASE = 0.45;
    static final double SPAN = 0.45;
    /** How sharply the chance of a good answer falls once the demand passes the capability. */
    static final double STEEPNESS = 8;

    private PriorQuality() {
    }

    public static double expected(ModelSpec model, TaskProfile profile) {
        return expected(model.capability(profile.domain()), profile.complexity());
    }

    public static double expected(double capability, double complexity) {
        double margin = capability - demand(complexity);
        return 1 / (1 + Math.exp(-STEEPNESS * margin));
    }

    /** The capability a question of this difficulty demands for an even chance of a good answer. */
    static double demand(double complexity) {
        return BASE + SPAN * complexity;
    }
}
