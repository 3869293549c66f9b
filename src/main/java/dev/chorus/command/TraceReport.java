package dev.chorus.command;

import dev.chorus.money.MoneyFormat;
import dev.chorus.orchestration.Step;
import java.util.List;
import java.util.Locale;

/** {@code /trace}: which model did what for an answer, with tokens, cost and time, one line each. */
final class TraceReport {
    private TraceReport() {
    }

    static Reply render(List<Step> steps) {
        if (steps.isEmpty()) {
            return Reply.plain("I have no trace of that answer (answers from before traces were kept have none).");
        }
        StringBuilder text = new StringBuilder("What each model did:");
        long total = 0;
        long millis = 0;
        for (Step s : steps) {
            text.append("\n").append(s.index() + 1).append(". ").append(s.modelId()).append(" · ").append(s.label())
                    .append(" · ").append(s.state().label()).append(" · ").append(s.inputTokens()).append(" in, ")
                    .append(s.outputTokens()).append(" out · ").append(MoneyFormat.dollars(s.costMicros())).append(" · ")
                    .append(String.format(Locale.ROOT, "%.1fs", s.took().toMillis() / 1000.0));
            if (s.note() != null) {
                text.append(" (").append(Quote.of(s.note())).append(')');
            }
            total += s.costMicros();
            millis += s.took().toMillis();
        }
        text.append("\nIn all: ").append(MoneyFormat.dollars(total)).append(", ")
                .append(String.format(Locale.ROOT, "%.1fs", millis / 1000.0)).append(" of model time.");
        return Reply.plain(text.toString());
    }
}
