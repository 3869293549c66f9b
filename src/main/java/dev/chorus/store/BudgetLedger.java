package dev.chorus.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;

/**
 * Budgets, reservations and the append-only spend ledger. A reservation locks its scopes, checks
 * every scope's limit and records its holds in one transaction, so concurrent calls (of any
 * replica) cannot overspend; a reservation belongs to the process that made it until that one stops; closing it releases the holds and charges the real cost, idempotently. Thread-safe.
 */
public final class BudgetLedger {
    private final LedgerDao dao;
    private final Database database;
    // Budgets change when an admin sets one and are read about a dozen times per question (every
    // scope, for routing, the hold and the settling): kept briefly, dropped here when set. The short
    // life bounds how long a budget set by another process goes unseen.
    private final com.github.benmanes.caffeine.cache.Cache<ScopeKey, Optional<BudgetRow>> budgets =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(100_000)
                    .expireAfterWrite(java.time.Duration.ofSeconds(2)).build();

    public BudgetLedger(Database database) {
        this.dao = database.jdbi().onDemand(LedgerDao.class);
        this.database = database;
    }

    /** Reserves {@code reservation.reservedMicros()} against every hold's scope, or none if one does not fit. */
    public ReserveResult reserve(NewReservation reservation, List<Hold> holds) {
        return guard(() -> dao.reserve(reservation, holds, database.replicaId()), "reserve " + reservation.id());
    }

    /** Reserves a call of a run, taking {@code fromPool} of the run's hold {@code poolId} for it. */
    public ReserveResult reserveFromPool(String poolId, long fromPool, NewReservation reservation, List<Hold> holds) {
        return guard(() -> dao.reserveFromPool(poolId, fromPool, reservation, holds, database.replicaId()), "reserve " + reservation.id());
    }

    /** Holds {@code extraMicros} more for an open reservation, or nothing if a scope has no room. */
    public boolean extend(String reservationId, long extraMicros, List<Hold> holds, int step, Instant at) {
        return guard(() -> dao.extend(reservationId, extraMicros, holds, step, at.toString()), "extend " + reservationId);
    }

    /**
     * Holds {@code extraMicros} more for a call of a run, taking up to {@code poolShare} of it from
     * the run's hold {@code poolId} while the run is open; only the rest must fit the scopes.
     */
    public boolean extendFromPool(String reservationId, long extraMicros, List<Hold> holds, int step, Instant at,
                                  String poolId, long poolShare) {
        return guard(() -> dao.extendFromPool(reservationId, extraMicros, holds, step, at.toString(), poolId,
                poolShare), "extend " + reservationId);
    }

    /** Notes that the provider request is going out (a crash after this may have been billed). */
    public void markSent(String reservationId) {
        guard(() -> dao.markSent(reservationId), "mark " + reservationId + " sent");
    }

    /**
     * Releases the holds and charges {@code chargeMicros} to the same scopes.
     *
     * @param state settled, released or reconciled
     * @return false when it was already closed (a retried close changes nothing)
     */
    public boolean close(String reservationId, long chargeMicros, boolean estimated, String state, Instant at) {
        return settle(reservationId, chargeMicros, estimated, state, at).changed();
    }

    /** Like {@link #close}, and what each of its scopes has spent right after this charge. */
    public Closed settle(String reservationId, long chargeMicros, boolean estimated, String state, Instant at) {
        return guard(() -> dao.close(reservationId, chargeMicros, estimated, state, at.toString()),
                "close " + reservationId);
    }

    /**
     * A reservation closed: {@code changed} is false when it was closed already; {@code spentAfter}
     * has each scope's spend right after the charge (empty when nothing was charged).
     */
    public record Closed(boolean changed, Map<ScopeKey, Long> spentAfter) {
    }

    /** Held plus charged micro-dollars of {@code scope} in the period that started at {@code periodStart}. */
    public long used(ScopeKey scope, String periodStart) {
        return guard(() -> dao.used(scope, periodStart), "read use of " + scope);
    }

    /** Charged micro-dollars only (no holds of calls in flight) of {@code scope} in that period. */
    public long spent(ScopeKey scope, String periodStart) {
        return guard(() -> dao.spent(scope, periodStart), "read spend of " + scope);
    }

    /**
     * Open reservations of processes that stopped: every other one on SQLite (one process per file),
     * on PostgreSQL those of replicas that have not beaten for {@link Database#LEASE}.
     */
    public List<OpenReservation> abandoned() {
        return guard(() -> dao.abandoned(database.replicaId(), database.aliveSince()), "read open reservations");
    }

    /** Charged micro-dollars per model, most first. */
    public Map<String, Long> spendByModel(ScopeKey scope, String periodStart) {
        return guard(() -> {
            Map<String, Long> spend = new java.util.LinkedHashMap<>();
            dao.spendByModel(scope, periodStart).forEach(m -> spend.put(m.model(), m.micros()));
            return spend;
        }, "read spend of " + scope);
    }

    public Optional<BudgetRow> budget(ScopeKey scope) {
        // loaded through the cache, so a budget set meanwhile (which invalidates) is never put back stale
        return budgets.get(scope, key -> guard(() -> dao.budget(key), "read budget of " + key));
    }

    public void setBudget(ScopeKey scope, long limitMicros, String period, Instant at, long by) {
        guard(() -> {
            dao.setBudget(scope, limitMicros, period, at.toString(), by);
            budgets.invalidate(scope);
            return null;
        }, "set budget of " + scope);
    }

    /** The most a group's own admins may give their group, as set by a bot admin. */
    public Optional<BudgetRow> ceiling(long groupId) {
        return guard(() -> dao.ceiling(groupId), "read the ceiling of group " + groupId);
    }

    public void setCeiling(long groupId, long limitMicros, String period, Instant at, long by) {
        guard(() -> {
            dao.setCeiling(groupId, limitMicros, period, at.toString(), by);
            return null;
        }, "set the ceiling of group " + groupId);
    }

    /** Records that {@code threshold} percent was alerted; false when it already had been. */
    public boolean markAlert(ScopeKey scope, String periodStart, int threshold, Instant at) {
        return guard(() -> dao.markAlert(scope, periodStart, threshold, at.toString()) > 0, "record alert");
    }

    /** The user's charged calls since {@code from}: when, which model, how much. */
    public List<Charge> charges(long userId, Instant from) {
        return guard(() -> dao.charges(userId, from.toString()).stream()
                .map(c -> new Charge(Instant.parse(c.at()), c.model(), c.micros())).toList(), "read charges");
    }

    /** One charged call. */
    public record Charge(Instant at, String model, long micros) {
    }

    private static <T> T guard(java.util.function.Supplier<T> action, String what) {
        try {
            return action.get();
        } catch (JdbiException e) {
            throw new StoreException("cannot " + what, e);
        }
    }
}
