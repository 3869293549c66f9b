package dev.chorus.command;

import dev.chorus.money.MoneyFormat;
import dev.chorus.orchestration.Role;
import dev.chorus.orchestration.Step;
import dev.chorus.orchestration.multi.MultiOutcome;
import java.util.List;
import java.util.Locale;

/** What a person reads about a multi-model run, in a chat or in the terminal. */
public final class MultiText {
    private MultiText() {
    }

    /** What the answer adds about how it came to be, when it is not a plain merge or a clean check; else "". */
    public static String endingNote(MultiOutcome.Answered a) {
        return switch (a.ending()) {
            case MERGED, CHECKED, INSTRUCTED, ASSEMBLED -> a.missing().isEmpty() ? "" : "\n\n(Left out: "
                    + String.join(", ", a.missing()) + ", which gave no result.)";
            case UNPLANNED -> "\n\n(The task could not be split, so " + a.answeredBy() + " answered it whole.)";
            case PIPELINED -> "";
            case REVISED -> "\n\n(Revised once: a second model found " + String.join("; ", a.problems()) + ")";
            case UNCHECKED -> a.problems().isEmpty()
                    ? "\n\n(Not checked: the second model could not check it this time.)"
                    : "\n\n(A second model found possible problems that could not be fixed: "
                    + String.join("; ", a.problems()) + ")";
            case ONLY_ONE_ANSWERED -> "\n\n(Only " + a.answeredBy() + " answered, so "
                    + (a.strategy().equals("verify") ? "it was not checked.)" : "nothing was merged.)");
            case MERGE_FAILED -> "\n\n(The best single answer, from " + a.answeredBy() + ": merging the answers failed.)";
            case OUT_OF_TIME -> "\n\n(The best single answer, from " + a.answeredBy()
                    + ": there was no time left to merge the answers.)";
        };
    }

    /** "🎼 3 models at work" and a line for each: model, role, state, cost so far. */
    public static String status(List<Step> steps) {
        long models = steps.stream().map(Step::modelId).distinct().count();
        // a check or a merge follows the first answer: the run is several models even while one writes
        StringBuilder text = new StringBuilder(models == 1 ? "🎼 Several models on this, the first at work"
                : "🎼 " + models + " models at work");
        for (Step s : steps) {
            text.append("\n• ").append(s.modelId()).append(" · ").append(s.label()).append(" · ")
                    .append(s.state().label());
            if (s.costMicros() > 0) {
                text.append(" · ").append(MoneyFormat.dollars(s.costMicros()));
            }
        }
        return text.toString();
    }

    private static String done(Role role) {
        return switch (role) {
            case ANSWER -> "answer";
            case MERGE -> "merged";
            case CHECK -> "checked";
            case REVISE -> "revised";
            case INSTRUCT -> "instructed";
            case PLAN -> "planned";
            case SUBTASK -> "subtask";
            case ASSEMBLE -> "assembled";
            case STEP -> "step";
        };
    }

    /** "🎼 parallel · gpt-4o-mini answer $0.0001 · … · total $0.0012 · 5.2s", and who gave no answer. */
    public static String footer(MultiOutcome.Answered a) {
        StringBuilder text = new StringBuilder(a.routing().escalated() ? "🔼 escalated · 🎼 " : "🎼 ").append(a.strategy());
        for (Step s : a.steps()) {
            text.append(" · ").append(s.modelId()).append(' ').append(s.name() != null ? s.name() : done(s.role())).append(' ')
                    .append(MoneyFormat.dollars(s.costMicros()));
        }
        text.append(" · total ").append(MoneyFormat.dollars(a.costMicros())).append(" · ")
                .append(String.format(Locale.ROOT, "%.1fs", a.took().toMillis() / 1000.0));
        if (a.strategy().equals("instruct") && a.ending() == MultiOutcome.Ending.INSTRUCTED) {
            String strong = a.steps().getFirst().modelId();
            text.append(a.savedMicros() >= 0 ? " · saved " + MoneyFormat.dollars(a.savedMicros()) + " against " + strong
                    + " alone" : " · " + MoneyFormat.dollars(-a.savedMicros()) + " more than " + strong + " alone");
        }
        if (!a.missing().isEmpty()) {
            text.append(" · no answer from ").append(String.join(", ", a.missing()));
        }
        return text.toString();
    }
}
