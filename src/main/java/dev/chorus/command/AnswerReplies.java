package dev.chorus.command;

import dev.chorus.i18n.Texts;
import dev.chorus.money.MoneyFormat;
import dev.chorus.orchestration.AskOutcome;
import dev.chorus.orchestration.Failure;

/** Turns the outcome of a question into what the user reads. */
final class AnswerReplies {

    Reply of(AskOutcome outcome) {
        return of(outcome, Texts.english());
    }

    /** The reply in the language of {@code t}; the answer itself is as the model wrote it. */
    Reply of(AskOutcome outcome, Texts t) {
        return switch (outcome) {
            case AskOutcome.Answered a -> Reply.answer(
                    a.truncated() ? a.text() + "\n\n" + t.get("answer.truncated")
                            : a.budgetCut() ? a.text() + "\n\n" + t.get("answer.budget_cut") : a.text(),
                    (a.routing() != null && a.routing().escalated() ? t.get("footer.escalated") + " · " : "")
                            + footer(a.modelId() + routingNote(a.routing()), a.costMicros(), a.costEstimated(),
                            a.took().toMillis())
                            + (a.reasoningTokens() > 0 ? " · " + t.get("footer.reasoning",
                            String.format(t.language().locale(), "%,d", a.reasoningTokens())) : "")
                            + (a.failedModels().isEmpty() ? "" : " · " + t.get("footer.stood_in",
                            String.join(", ", a.failedModels()))));
            case AskOutcome.NeedsConsent c -> Reply.plain(t.get("answer.private_no_local", c.privateData()));
            case AskOutcome.NoModel n -> Reply.plain(t.render(n.reason()));
            case AskOutcome.Declined d -> Reply.answer(d.refusal(),
                    footer(d.modelId(), d.costMicros(), false, -1) + " · " + t.get("footer.declined"));
            case AskOutcome.Failed f when f.failure() == Failure.INTERRUPTED && !f.partialText().isBlank() ->
                    Reply.answer(f.partialText() + "\n\n" + t.get("answer.broke_off"),
                            f.modelId() + " · " + t.get("footer.interrupted") + " · " + MoneyFormat.dollars(f.costMicros()));
            case AskOutcome.Failed f -> Reply.plain(t.get("failure." + f.failure().name().toLowerCase(java.util.Locale.ROOT)));
            case AskOutcome.OverBudget o -> Reply.plain(t.render(o.message()));
        };
    }

    private static String routingNote(AskOutcome.Routing routing) {
        return routing == null ? "" : String.format(java.util.Locale.ROOT, " · %s %.2f", routing.domain(),
                routing.complexity());
    }

    /** "model · $cost · 1.2s"; a negative {@code millis} leaves the time out, {@code ~} marks an estimate. */
    static String footer(String model, long costMicros, boolean estimated, long millis) {
        String cost = (estimated ? "~" : "") + MoneyFormat.dollars(costMicros);
        String time = millis < 0 ? "" : " · " + String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
        return model + " · " + cost + time;
    }
}
