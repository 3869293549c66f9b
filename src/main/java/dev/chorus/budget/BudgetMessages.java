package dev.chorus.budget;

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
        String whose = switch (state.scope().kind()) {
            case "user" -> "Your budget";
            case "group" -> "This group's budget";
            case "member" -> "Your share of this group's budget";
            default -> "The bot's overall budget";
        };
        String left = MoneyFormat.dollars(state.remainingMicros());
        return whose + " for " + state.period().current() + " is used up: " + left + " of "
                + MoneyFormat.dollars(state.limitMicros()) + " left, and this question may cost up to "
                + MoneyFormat.dollars(neededMicros) + ". It resets " + resets(state.resets()) + ".";
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
