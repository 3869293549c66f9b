package dev.chorus;

import dev.chorus.budget.BudgetService;
import dev.chorus.orchestration.learning.LearnedQuality;
import dev.chorus.store.Database;
import dev.chorus.telegram.TelegramBot;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a replica sharing PostgreSQL with others does besides answering: it beats, so the others
 * know it is alive, and it takes over what a replica that stopped beating for {@link Database#LEASE}
 * left: its reservations are reconciled, its questions answered again, its messages sent. Each is
 * taken by one replica only (the store's claims), however many look at once. It also learns from
 * the ratings the other replicas took, so all of them route alike.
 */
final class ReplicaDuties implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReplicaDuties.class);
    static final Duration BEAT = Duration.ofSeconds(3);
    static final Duration LOOK = Duration.ofSeconds(5);

    private final ScheduledExecutorService timer;

    private ReplicaDuties(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static ReplicaDuties start(Database database, BudgetService budgets, TelegramBot telegram,
                               LearnedQuality learned) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("replica-duties").daemon().factory());
        timer.scheduleWithFixedDelay(() -> guarded("beat", database::beat), BEAT.toMillis(), BEAT.toMillis(),
                TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(() -> guarded("take over a stopped replica's work", () -> {
            int reconciled = budgets.reconcile();
            int resumed = telegram.pickUpAbandoned();
            if (reconciled + resumed > 0) {
                log.warn("took over from a replica that stopped: {} reservations reconciled, {} questions resumed",
                        reconciled, resumed);
            }
        }), LOOK.toMillis(), LOOK.toMillis(), TimeUnit.MILLISECONDS);
        // Telegram's overall limit is the bot's: each live replica keeps to its share
        timer.scheduleWithFixedDelay(() -> guarded("count the live replicas",
                        () -> telegram.shareTelegramLimitWith(Math.max(1, database.liveReplicas()))),
                0, LOOK.toMillis(), TimeUnit.MILLISECONDS);
        // the ratings other replicas took: every replica routes by all of them
        timer.scheduleWithFixedDelay(() -> guarded("learn from other replicas' ratings", learned::catchUp),
                LOOK.toMillis(), LOOK.toMillis(), TimeUnit.MILLISECONDS);
        log.info("replica {}: beating every {} s; taking over work of replicas silent for {} s",
                database.replicaId(), BEAT.toSeconds(), Database.LEASE.toSeconds());
        return new ReplicaDuties(timer);
    }

    private static void guarded(String what, Runnable duty) {
        try {
            duty.run();
        } catch (RuntimeException e) {
            // the database may be down a moment: the next round tries again
            log.warn("cannot {}: {}", what, e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
