package dev.chorus.orchestration.delegation;

import dev.chorus.orchestration.analysis.TaskProfile;
import dev.chorus.provider.catalog.ModelSpec;

/**
 * What is expected of a model before anyone rated it, 0..1: its catalog capability for the question's
 * domain, lowered by the question's difficulty (the analyzer's complexity) in proportion to what the
 * model lacks: {@code capability - (1 - capability) * strain(complexity)}. A perfect model loses
 * nothing on a hard question, a weak one loses most, so the gap between a strong and a weak model
 * widens as questions get harder: ranking questions by that gap is ranking them by difficulty,
 * which is what the analyzer is calibrated for. (A logistic curve over capability minus demand was
 * tried first: its gap shrinks again on the hardest questions, and it ranked the project's
 * benchmark-style sets worse than a rule sending longer questions first; see docs/benchmarks.md.)
 *
 * <p>The strain is set so that the expected quality is exactly 0.5 where the capability equals the
 * demand {@code 0.45 + 0.45 * complexity}, the bar the engine used before it had expected quality.
 * Below 0.1 the line bends into an exponential toward 0, so very hard questions for weak models still
 * differ, and nothing is ever negative.
 */
public final class PriorQuality {
    /** The capability an easy question demands for an even chance; the hardest demands {@code BASE + SPAN}. */
    static final double BASE = 0.45;
    static final double SPAN = 0.45;
    private static final double FLOOR = 0.1;

    private PriorQuality() {
    }

    public static double expected(ModelSpec model, TaskProfile profile) {
        return expected(model.capability(profile.domain()), profile.complexity());
    }

    public static double expected(double capability, double complexity) {
        double linear = capability - (1 - capability) * strain(complexity);
        if (linear >= FLOOR) {
            return Math.min(1, linear);
        }
        return FLOOR * Math.exp((linear - FLOOR) / FLOOR);
    }

    /** How hard the question strains a model, per unit it lacks: from -0.09 (trivial) to 4 (hardest). */
    static double strain(double complexity) {
        double demand = demand(complexity);
        return (demand - 0.5) / (1 - demand);
    }

    /** The capability a question of this difficulty demands for an even chance of a good answer. */
    static double demand(double complexity) {
        return BASE + SPAN * complexity;
    }
}
