package dev.chorus.budget;

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
    private final Consumer<String> admins;
    private final java.util.Set<String> overrunModels = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public BudgetAlerts(BudgetLedger ledger, Directory directory, Clock clock, Consumer<String> admins) {
        this.ledger = ledger;
        this.directory = directory;
        this.clock = clock;
        this.admins = admins;
    }

    /** Checks the scope of {@code hold} after a charge, and alerts for the highest new threshold crossed. */
    void check(Hold hold) {
        if (hold.limitMicros() <= 0) {
            return;
        }
        // Spent, not held: calls still in flight may yet cost far less than their worst case.
        long used = ledger.spent(hold.scope(), hold.periodStart());
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
            admins.accept("⚠️ " + model + " billed " + MoneyFormat.dollars(chargedMicros) + " for a call that was "
                    + "allowed " + MoneyFormat.dollars(heldMicros) + ": it produced more than it was asked for. It was "
                    + "charged in full. Check its max-output and price in the catalog.");
        }
    }

    private String message(ScopeKey scope, int threshold, long used, long limit) {
        String who = describe(scope);
        String target = switch (scope.kind()) {
            case USER, MEMBER -> String.valueOf(scope.id());
            case GROUP -> "group";
            case GLOBAL -> "global";
        };
        String where = scope.inGroup() ? " (in that group)" : "";
        return "💰 Budget alert: " + who + " has used " + threshold + "% of its budget (" + MoneyFormat.dollars(used)
                + " of " + MoneyFormat.dollars(limit) + "). To raise it: /budget set " + target + " <amount>/<day|week|month>"
                + where + ". Or ignore this.";
    }

    private String describe(ScopeKey scope) {
        return switch (scope.kind()) {
            case USER -> "user " + directory.username(scope.id()).map(u -> "@" + u + " ").orElse("") + "(" + scope.id() + ")";
            case GROUP -> "group " + directory.chatTitle(scope.id()).map(t -> "\"" + t + "\" ").orElse("")
                    + "(" + scope.id() + ")";
            case MEMBER -> "member " + directory.username(scope.id()).map(u -> "@" + u + " ").orElse("")
                    + "(" + scope.id() + ") of group " + scope.groupId();
            case GLOBAL -> "the whole bot";
        };
    }
}
