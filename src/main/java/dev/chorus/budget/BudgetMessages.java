package dev.chorus.budget;

import dev.chorus.i18n.Phrase;
import dev.chorus.money.MoneyFormat;
import java.time.Duration;
import java.time.ZonedDateTime;

/** What people read about budgets: short, for a phone; in the reader's language once rendered. */
final class BudgetMessages {
    private BudgetMessages() {
    }

    static Phrase exhausted(ScopeState state, long neededMicros) {
        return Phrase.of("budget.exhausted", whose(state), Phrase.of("period." + state.period().key()),
                MoneyFormat.dollars(state.remainingMicros()), MoneyFormat.dollars(state.limitMicros()),
                MoneyFormat.dollars(neededMicros), resets(state.resets()));
    }

    /** The money is held by answers still being written, not spent: worth asking again in a moment. */
    static Phrase busy(ScopeState state) {
        return Phrase.of("budget.busy", whose(state));
    }

    private static Phrase whose(ScopeState state) {
        return Phrase.of(switch (state.scope().kind()) {
            case USER -> "budget.whose.user";
            case GROUP -> "budget.whose.group";
            case MEMBER -> "budget.whose.member";
            case GLOBAL -> "budget.whose.global";
        });
    }

    /** "Mon 00:00 UTC (in 5 h 12 min)". */
    static Phrase resets(ZonedDateTime at) {
        Duration in = Duration.between(ZonedDateTime.now(at.getZone()), at);
        if (in.isNegative()) {
            in = Duration.ZERO;
        }
        long hours = in.toHours();
        Phrase wait = hours >= 48 ? Phrase.of("wait.days", in.toDays())
                : hours > 0 ? Phrase.of("wait.hours", hours, (long) in.toMinutesPart())
                : Phrase.of("wait.minutes", in.toMinutes());
        return Phrase.of("budget.resets", new Phrase.Time(at, "EEE HH:mm"), at.getZone().getId(), wait);
    }
}
