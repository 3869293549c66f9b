package dev.chorus.command;

import dev.chorus.budget.BudgetService;
import java.time.Duration;
import java.util.Optional;

/**
 * What every question passes before any model is asked, /ask and /multi alike: the allow-list of
 * refuse mode, then the asker's (and the group's) question limit. Thread-safe.
 */
final class QuestionGate {
    private final BudgetService budgets;
    private final QuestionLimiter limiter;

    QuestionGate(BudgetService budgets, QuestionLimiter limiter) {
        this.budgets = budgets;
        this.limiter = limiter;
    }

    /** Why {@code in} may not be asked now, for the user; empty when it may (its allowance is then taken). */
    Optional<Reply> refusal(Incoming in) {
        if (!budgets.allowed(BudgetCommands.spender(in))) {
            return Optional.of(Reply.plain("This bot answers only people an admin has given a budget. Ask an admin "
                    + "to run /budget set " + in.userId() + " <amount>/day (your Telegram id is " + in.userId() + ")."));
        }
        Optional<Duration> wait = limiter.take(in);
        return wait.map(w -> Reply.plain((in.inGroup() ? "Too many questions at once here." : "You are asking "
                + "faster than I can answer.") + " Please try again in " + QuestionLimiter.seconds(w) + "."));
    }
}
