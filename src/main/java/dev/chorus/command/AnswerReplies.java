package dev.chorus.command;

import dev.chorus.money.MoneyFormat;
import dev.chorus.orchestration.AskOutcome;
import dev.chorus.orchestration.Failure;

/** Turns the outcome of a question into what the user reads. */
final class AnswerReplies {

    Reply of(AskOutcome outcome) {
        return switch (outcome) {
            case AskOutcome.Answered a -> Reply.answer(
                    a.truncated() ? a.text() + "\n\n(The answer reached its length limit and stops here.)"
                            : a.budgetCut() ? a.text() + "\n\n(The budget has no room for more, so the answer stops "
                            + "here. /budget shows what is left.)" : a.text(),
                    (a.routing() != null && a.routing().escalated() ? "🔼 escalated · " : "")
                            + footer(a.modelId() + routingNote(a.routing()), a.costMicros(), a.costEstimated(),
                            a.took().toMillis())
                            + (a.reasoningTokens() > 0 ? String.format(java.util.Locale.ROOT, " · reasoning %,d tokens",
                            a.reasoningTokens()) : "")
                            + (a.failedModels().isEmpty() ? "" : " · stood in for " + String.join(", ", a.failedModels())));
            case AskOutcome.NeedsConsent c -> Reply.plain("Your question contains private data (" + c.privateData()
                    + ") and no local model is set up.");
            case AskOutcome.NoModel n -> Reply.plain(n.reason());
            case AskOutcome.Declined d -> Reply.answer(d.refusal(),
                    footer(d.modelId(), d.costMicros(), false, -1) + " · declined");
            case AskOutcome.Failed f when f.failure() == Failure.INTERRUPTED && !f.partialText().isBlank() ->
                    Reply.answer(f.partialText() + "\n\n(The answer broke off here and no other model could finish it. "
                            + "Please ask again.)", f.modelId() + " · interrupted · " + MoneyFormat.dollars(f.costMicros()));
            case AskOutcome.Failed f -> Reply.plain(message(f.failure()));
            case AskOutcome.OverBudget o -> Reply.plain(o.message());
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

    private static String message(Failure failure) {
        return switch (failure) {
            case RATE_LIMITED -> "The models are getting too many requests right now. Please try again in a minute.";
            case UNAVAILABLE -> "No model is answering right now. Please try again in a little while.";
            case TIMEOUT -> "No model answered in time, so I stopped waiting. Please try again in a minute.";
            case MISCONFIGURED -> "I can't reach my model: the provider refused my API key. "
                    + "An admin needs to fix the bot's configuration.";
            case TOO_LONG -> "That question is too long for the model. Please shorten it.";
            case REJECTED -> "The model's provider rejected this question. Please rephrase it.";
            case INTERRUPTED -> "The answer broke off before any text arrived. Please try again.";
        };
    }
}
