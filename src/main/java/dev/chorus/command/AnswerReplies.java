package dev.chorus.command;

import dev.chorus.budget.MoneyFormat;
import dev.chorus.orchestration.AskOutcome;
import dev.chorus.orchestration.Failure;

/** Turns the outcome of a question into what the user reads. */
final class AnswerReplies {

    Reply of(AskOutcome outcome) {
        return switch (outcome) {
            case AskOutcome.Answered a -> Reply.answer(
                    a.truncated() ? a.text() + "\n\n(The answer reached its length limit and stops here.)" : a.text(),
                    footer(a.modelId(), a.costMicros(), a.costEstimated(), a.took().toMillis())
                            + (a.failedModels().isEmpty() ? "" : " · stood in for " + String.join(", ", a.failedModels())));
            case AskOutcome.Declined d -> Reply.answer(d.refusal(),
                    footer(d.modelId(), d.costMicros(), false, -1) + " · declined");
            case AskOutcome.Failed f when f.failure() == Failure.INTERRUPTED && !f.partialText().isBlank() ->
                    Reply.answer(f.partialText() + "\n\n(The answer broke off here and no other model could finish it. "
                            + "Please ask again.)", f.modelId() + " · interrupted · " + MoneyFormat.dollars(f.costMicros()));
            case AskOutcome.Failed f -> Reply.plain(message(f.failure()));
            case AskOutcome.OverBudget o -> Reply.plain(o.message());
        };
    }

    static String footer(String model, long costMicros, boolean estimated, long millis) {
        String cost = (estimated ? "~" : "") + MoneyFormat.dollars(costMicros);
        String time = millis < 0 ? "" : " · " + String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
        return model + " · " + cost + time;
    }

    private static String message(Failure failure) {
        return switch (failure) {
            case RATE_LIMITED -> "The models are getting too many requests right now. Please try again in a minute.";
            case UNAVAILABLE -> "No model is answering right now. Please try again in a little while.";
            case TIMEOUT -> "The model took too long to answer. Please try again.";
            case MISCONFIGURED -> "I can't reach my model: the provider refused my API key. "
                    + "An admin needs to fix the bot's configuration.";
            case TOO_LONG -> "That question is too long for the model. Please shorten it.";
            case REJECTED -> "The model's provider rejected this question. Please rephrase it.";
            case INTERRUPTED -> "The answer broke off before any text arrived. Please try again.";
        };
    }
}
