package dev.chorus.command;

import dev.chorus.i18n.Texts;
import dev.chorus.money.MoneyFormat;
import dev.chorus.orchestration.Step;
import java.util.List;
import java.util.Locale;

/** {@code /trace}: which model did what for an answer, with tokens, cost and time, one line each. */
final class TraceReport {
    private TraceReport() {
    }

    static Reply render(List<Step> steps, Texts t) {
        if (steps.isEmpty()) {
            return Reply.plain(t.get("trace.none"));
        }
        StringBuilder text = new StringBuilder(t.get("trace.title"));
        long total = 0;
        long millis = 0;
        for (Step s : steps) {
            text.append("\n").append(s.index() + 1).append(". ").append(s.modelId()).append(" · ")
                    .append(s.name() != null ? s.name() : t.get("role." + s.role().label()))
                    .append(" · ").append(t.get("state." + s.state().label())).append(" · ")
                    .append(t.get("trace.tokens", s.inputTokens(), s.outputTokens())).append(" · ")
                    .append(MoneyFormat.dollars(s.costMicros())).append(" · ")
                    .append(String.format(Locale.ROOT, "%.1fs", s.took().toMillis() / 1000.0));
            if (s.note() != null) {
                text.append(" (").append(Quote.of(s.note())).append(')');
            }
            total += s.costMicros();
            millis += s.took().toMillis();
        }
        text.append("\n").append(t.get("trace.total", MoneyFormat.dollars(total),
                String.format(Locale.ROOT, "%.1fs", millis / 1000.0)));
        return Reply.plain(text.toString());
    }
}
