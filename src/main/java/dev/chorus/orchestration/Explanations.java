package dev.chorus.orchestration;

import dev.chorus.i18n.Phrase;
import dev.chorus.money.MoneyFormat;
import dev.chorus.orchestration.analysis.TaskProfile;
import dev.chorus.orchestration.delegation.Candidate;
import dev.chorus.orchestration.delegation.Decision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The answer to "Why this model?": the task as analysed, the bar, the choice and the runners-up; as a
 * phrase, rendered in the asker's language by the chat side.
 */
public final class Explanations {
    private static final int RUNNERS_UP = 4;

    private Explanations() {
    }

    public static Phrase of(TaskProfile profile, Decision decision) {
        List<Phrase> lines = new ArrayList<>();
        lines.add(Phrase.of("why.title", decision.chosen().id()));
        lines.add(Phrase.of("why.task", profile.domain().key(), String.format(Locale.ROOT, "%.2f", profile.complexity()),
                profile.language(), String.format(Locale.ROOT, "%.0f", profile.confidence() * 100)));
        if (!profile.needs().privateData().isEmpty()) {
            lines.add(Phrase.of("why.private"));
        }
        lines.add(Phrase.of("why.choice", decision.why()));
        decision.candidates().stream().filter(c -> c.model() == decision.chosen()).findFirst().ifPresent(c ->
                lines.add(Phrase.of("why.cost", MoneyFormat.dollars(c.estimatedCostMicros()))));
        lines.add(Phrase.of("why.runners_up"));
        Phrase text = Phrase.lines(lines);
        List<Phrase> runners = decision.candidates().stream()
                .filter(c -> c.model() != decision.chosen())
                .sorted(Comparator.comparing((Candidate c) -> !c.eligible()).thenComparing(c -> -c.quality()))
                .limit(RUNNERS_UP)
                .map(c -> Phrase.of("why.runner", c.model().id(), line(c, decision.bar())))
                .toList();
        return runners.isEmpty() ? text : Phrase.of("list.lines", text, Phrase.lines(runners));
    }

    private static Phrase line(Candidate c, double bar) {
        String score = String.format(Locale.ROOT, "%.2f", c.quality());
        if (!c.eligible()) {
            return Phrase.of("why.runner.rejected", score, c.rejection());
        }
        return Phrase.of(c.quality() < bar ? "why.runner.below_bar" : "why.runner.eligible", score,
                MoneyFormat.dollars(c.estimatedCostMicros()));
    }
}
