package dev.chorus.command;

import dev.chorus.i18n.Texts;
import dev.chorus.money.MoneyFormat;
import dev.chorus.orchestration.Step;
import dev.chorus.orchestration.multi.MultiOutcome;
import java.util.List;
import java.util.Locale;

/** What a person reads about a multi-model run, in a chat (in their language) or in the terminal (in English). */
public final class MultiText {
    private MultiText() {
    }

    /** What the answer adds about how it came to be, when it is not a plain merge or a clean check; else "". */
    public static String endingNote(MultiOutcome.Answered a) {
        return endingNote(a, Texts.english());
    }

    public static String endingNote(MultiOutcome.Answered a, Texts t) {
        String note = switch (a.ending()) {
            case MERGED, CHECKED, INSTRUCTED, ASSEMBLED -> a.missing().isEmpty() ? ""
                    : t.get("multi.note.left_out", String.join(", ", a.missing()));
            case UNPLANNED -> t.get("multi.note.unplanned", a.answeredBy());
            case PIPELINED -> "";
            case REVISED -> t.get("multi.note.revised", String.join("; ", a.problems()));
            case UNCHECKED -> a.problems().isEmpty() ? t.get("multi.note.unchecked")
                    : t.get("multi.note.unfixed", String.join("; ", a.problems()));
            case ONLY_ONE_ANSWERED -> t.get(a.strategy().equals("verify") ? "multi.note.only_one_unchecked"
                    : "multi.note.only_one_unmerged", a.answeredBy());
            case MERGE_FAILED -> t.get("multi.note.merge_failed", a.answeredBy());
            case OUT_OF_TIME -> t.get("multi.note.out_of_time", a.answeredBy());
        };
        return note.isEmpty() ? "" : "\n\n" + note;
    }

    /** "🎼 3 models at work" and a line for each: model, role, state, cost so far. */
    public static String status(List<Step> steps, Texts t) {
        long models = steps.stream().map(Step::modelId).distinct().count();
        // a check or a merge follows the first answer: the run is several models even while one writes
        StringBuilder text = new StringBuilder(models == 1 ? t.get("multi.status.first") : t.get("multi.status.many", models));
        for (Step s : steps) {
            text.append("\n• ").append(s.modelId()).append(" · ")
                    .append(s.name() != null ? s.name() : t.get("role." + s.role().label())).append(" · ")
                    .append(t.get("state." + s.state().label()));
            if (s.costMicros() > 0) {
                text.append(" · ").append(MoneyFormat.dollars(s.costMicros()));
            }
        }
        return text.toString();
    }

    /** "🎼 parallel · gpt-4o-mini answer $0.0001 · … · total $0.0012 · 5.2s", and who gave no answer. */
    public static String footer(MultiOutcome.Answered a) {
        return footer(a, Texts.english());
    }

    public static String footer(MultiOutcome.Answered a, Texts t) {
        StringBuilder text = new StringBuilder(a.routing().escalated() ? t.get("footer.escalated") + " · 🎼 " : "🎼 ")
                .append(a.strategy());
        for (Step s : a.steps()) {
            text.append(" · ").append(s.modelId()).append(' ')
                    .append(s.name() != null ? s.name() : t.get("done." + s.role().label())).append(' ')
                    .append(MoneyFormat.dollars(s.costMicros()));
        }
        text.append(" · ").append(t.get("multi.footer.total", MoneyFormat.dollars(a.costMicros()))).append(" · ")
                .append(String.format(Locale.ROOT, "%.1fs", a.took().toMillis() / 1000.0));
        if (a.strategy().equals("instruct") && a.ending() == MultiOutcome.Ending.INSTRUCTED) {
            String strong = a.steps().getFirst().modelId();
            text.append(" · ").append(a.savedMicros() >= 0
                    ? t.get("multi.footer.saved", MoneyFormat.dollars(a.savedMicros()), strong)
                    : t.get("multi.footer.more", MoneyFormat.dollars(-a.savedMicros()), strong));
        }
        if (!a.missing().isEmpty()) {
            text.append(" · ").append(t.get("multi.footer.no_answer", String.join(", ", a.missing())));
        }
        return text.toString();
    }

}
