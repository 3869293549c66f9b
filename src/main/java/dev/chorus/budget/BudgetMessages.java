package dev.chorus.budget;

import dev.chorus.money.MoneyFormat;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What people read about budgets: short, for a phone. */
final class BudgetMessages {
    private static final DateTimeFormatter RESET = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);

    private BudgetMessages() {
    }

    static String exhausted(ScopeState state, long neededMicros) {
        String whose = whose(state);
        String left = MoneyFormat.dollars(state.remainingMicros());
        return whose + " for " + state.period().current() + " is used up: " + left + " of "
                + MoneyFormat.dollars(state.limitMicros()) + " left, and this question may cost up to "
                + MoneyFormat.dollars(neededMicros) + ". It resets " + resets(state.resets()) + ".";
    }

    /** The money is held by answers still being written, not spent: worth asking again in a moment. */
    static String busy(ScopeState state) {
        return whose(state) + " is tied up by answers still being written right now. Please ask again in a few "
                + "seconds.";
    }

    private static String whose(ScopeState state) {
        return switch (state.scope().kind()) {
            case USER -> "Your budget";
            case GROUP -> "This group's budget";
            case MEMBER -> "Your share of this group's budget";
            case GLOBAL -> "The bot's overall budget";
        };
    }

    /** "Mon 00:00 UTC (in 5 h 12 min)". */
    static String resets(ZonedDateTime at) {
        Duration in = Duration.between(ZonedDateTime.now(at.getZone()), at);
        if (in.isNegative()) {
            in = Duration.ZERO;
        }
        long hours = in.toHours();
        String wait = hours >= 48 ? in.toDays() + " days" : hours > 0 ? hours + " h " + in.toMinutesPart() + " min"
                : in.toMinutes() + " min";
        return RESET.format(at) + " " + at.getZone().getId() + " (in " + wait + ")";
    }
}
