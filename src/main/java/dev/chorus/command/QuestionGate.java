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
            return Optional.of(Reply.plain(in.texts().get("gate.not_allowed", String.valueOf(in.userId()))));
        }
        Optional<Duration> wait = limiter.take(in);
        return wait.map(w -> Reply.plain(in.texts().get(in.inGroup() ? "gate.too_many_group" : "gate.too_fast",
                QuestionLimiter.seconds(w, in.texts()))));
    }
}
