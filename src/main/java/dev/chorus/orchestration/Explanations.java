package dev.chorus.orchestration;

import dev.chorus.money.MoneyFormat;
import dev.chorus.orchestration.analysis.TaskProfile;
import dev.chorus.orchestration.delegation.Candidate;
import dev.chorus.orchestration.delegation.Decision;
import java.util.Comparator;
import java.util.Locale;

/** The answer to "Why this model?": the task as analysed, the bar, the choice and the runners-up. */
public final class Explanations {
    private static final int RUNNERS_UP = 4;

    private Explanations() {
    }

    public static String of(TaskProfile profile, Decision decision) {
        StringBuilder text = new StringBuilder("Why " + decision.chosen().id() + "?\n");
        text.append(String.format(Locale.ROOT, "Task: %s, complexity %.2f, %s (analysis confidence %.0f%%)%n",
                profile.domain().key(), profile.complexity(), profile.language(), profile.confidence() * 100));
        if (!profile.needs().privateData().isEmpty()) {
            text.append("Private data found: kept to local models unless you allowed otherwise.\n");
        }
        text.append("Choice: ").append(decision.reason()).append('\n');
        decision.candidates().stream().filter(c -> c.model() == decision.chosen()).findFirst().ifPresent(c ->
                text.append("Estimated cost: ~").append(MoneyFormat.dollars(c.estimatedCostMicros())).append('\n'));
        text.append("Runners-up:");
        decision.candidates().stream()
                .filter(c -> c.model() != decision.chosen())
                .sorted(Comparator.comparing((Candidate c) -> !c.eligible()).thenComparing(c -> -c.quality()))
                .limit(RUNNERS_UP)
                .forEach(c -> text.append("\n• ").append(c.model().id()).append(": ").append(line(c, decision.bar())));
        return text.toString();
    }

    private static String line(Candidate c, double bar) {
        String score = String.format(Locale.ROOT, "score %.2f", c.quality());
        if (!c.eligible()) {
            return score + ", " + c.rejected();
        }
        return score + ", ~" + MoneyFormat.dollars(c.estimatedCostMicros()) + (c.quality() < bar ? ", below the bar" : "");
    }
}
