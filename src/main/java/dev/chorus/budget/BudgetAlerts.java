package dev.chorus.budget;

import dev.chorus.i18n.Phrase;
import dev.chorus.money.MoneyFormat;
import dev.chorus.store.BudgetLedger;
import dev.chorus.store.Directory;
import dev.chorus.store.Hold;
import dev.chorus.store.ScopeKey;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tells the admins when a scope crosses 50, 80 and 100 % of its budget: once per threshold, scope
 * and period, remembered in the database so a restart does not repeat it. Thread-safe.
 */
public final class BudgetAlerts {
    private static final List<Integer> THRESHOLDS = List.of(100, 80, 50);

    private final BudgetLedger ledger;
    private final Directory directory;
    private final Clock clock;
    private final Consumer<Phrase> admins;
    private final java.util.Set<String> overrunModels = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** @param admins sends an alert to each admin, in that admin's language */
    public BudgetAlerts(BudgetLedger ledger, Directory directory, Clock clock, Consumer<Phrase> admins) {
        this.ledger = ledger;
        this.directory = directory;
        this.clock = clock;
        this.admins = admins;
    }

    /**
     * Checks the scope of {@code hold} after a charge, and alerts for the highest new threshold crossed.
     *
     * @param used what the scope had spent right after this charge (not held: calls still in flight
     *             may yet cost far less than their worst case), so that the charge that crossed a
     *             threshold is the one that tells it
     */
    void check(Hold hold, long used) {
        if (hold.limitMicros() <= 0) {
            return;
        }
        long percent = used * 100 / hold.limitMicros();
        Integer alerted = null;
        for (int threshold : THRESHOLDS) {
            // Marking every crossed threshold stops a later, lower one from alerting after a higher one.
            if (percent >= threshold && ledger.markAlert(hold.scope(), hold.periodStart(), threshold, clock.instant())
                    && alerted == null) {
                alerted = threshold;
            }
        }
        if (alerted != null) {
            admins.accept(message(hold.scope(), alerted, used, hold.limitMicros()));
        }
    }

    /**
     * A provider billed more than the call was allowed to produce (it ignored max_tokens, or counted
     * hidden reasoning): told once per model, since every later call of it will do the same.
     */
    void overrun(String model, long chargedMicros, long heldMicros) {
        if (overrunModels.add(model)) {
            admins.accept(Phrase.of("alert.overrun", model, MoneyFormat.dollars(chargedMicros),
                    MoneyFormat.dollars(heldMicros)));
        }
    }

    private Phrase message(ScopeKey scope, int threshold, long used, long limit) {
        String target = switch (scope.kind()) {
            case USER, MEMBER -> String.valueOf(scope.id());
            case GROUP -> "group";
            case GLOBAL -> "global";
        };
        return Phrase.of(scope.inGroup() ? "alert.budget_in_group" : "alert.budget", describe(scope), threshold,
                MoneyFormat.dollars(used), MoneyFormat.dollars(limit), target);
    }

    private Phrase describe(ScopeKey scope) {
        return switch (scope.kind()) {
            case USER -> Phrase.of("alert.who.user", directory.username(scope.id()).map(u -> "@" + u + " ").orElse(""),
                    String.valueOf(scope.id()));
            case GROUP -> Phrase.of("alert.who.group", directory.chatTitle(scope.id()).map(t -> "\"" + t + "\" ")
                    .orElse(""), String.valueOf(scope.id()));
            case MEMBER -> Phrase.of("alert.who.member", directory.username(scope.id()).map(u -> "@" + u + " ")
                    .orElse(""), String.valueOf(scope.id()), String.valueOf(scope.groupId()));
            case GLOBAL -> Phrase.of("alert.who.global");
        };
    }
}
