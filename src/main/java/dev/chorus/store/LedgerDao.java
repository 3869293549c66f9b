package dev.chorus.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** SQL for budgets, reservations and the ledger. */
interface LedgerDao {
    /** Held plus charged: the scope's running total, kept with every ledger row (see {@link #insertEntry}). */
    @SqlQuery("""
            SELECT COALESCE((SELECT used_micros FROM scope_totals
                WHERE scope_kind = :s.column AND scope_id = :s.id AND group_id = :s.groupId
                  AND period_start = :periodStart), 0)
            """)
    long used(@BindMethods("s") ScopeKey scope, @Bind("periodStart") String periodStart);

    @SqlQuery("""
            SELECT COALESCE((SELECT spent_micros FROM scope_totals
                WHERE scope_kind = :s.column AND scope_id = :s.id AND group_id = :s.groupId
                  AND period_start = :periodStart), 0)
            """)
    long spent(@BindMethods("s") ScopeKey scope, @Bind("periodStart") String periodStart);

    @SqlUpdate("""
            INSERT INTO reservations (id, created_at, user_id, chat_id, model, purpose, reserved_micros,
                                      estimate_micros, state, owner)
            VALUES (:r.id, :r.at, :r.userId, :r.chatId, :r.model, :r.purpose, :r.reservedMicros, :r.estimateMicros,
                    'open', :owner)
            """)
    void insertReservation(@BindMethods("r") NewReservation reservation, @Bind("owner") String owner);

    @SqlUpdate("""
            INSERT INTO scope_locks (scope_key, touched_at) VALUES (:key, :at)
            ON CONFLICT (scope_key) DO UPDATE SET touched_at = excluded.touched_at
            """)
    void lockScope(@Bind("key") String key, @Bind("at") String at);

    /**
     * Takes the lock row of every scope in {@code scopes}, in one order so that two transactions
     * never wait for each other: on PostgreSQL another replica's check of the same scope now waits
     * for this transaction's end. Every transaction that writes ledger rows takes the locks of their
     * scopes first, so the totals' rows, which the rows' trigger then updates in whatever order, are
     * only ever waited for behind these. (SQLite's immediate transaction already holds the whole file.)
     */
    default void lock(java.util.stream.Stream<ScopeKey> scopes, String at) {
        scopes.map(LedgerDao::key).distinct().sorted().forEach(k -> lockScope(k, at));
    }

    /** The scopes of {@code holds}, and those of the run {@code poolId} (none when it is null). */
    default java.util.stream.Stream<ScopeKey> withPool(List<Hold> holds, String poolId) {
        java.util.stream.Stream<ScopeKey> own = holds.stream().map(Hold::scope);
        return poolId == null ? own : java.util.stream.Stream.concat(own, holds(poolId).stream().map(HoldEntry::scope));
    }

    /**
     * Writes a ledger row, once per key. The database adds it to its scope's totals (a trigger, so
     * that any writer's rows count); 0 when the key was written before and nothing changed.
     */
    @SqlUpdate("""
            INSERT INTO ledger (entry_key, reservation_id, scope_kind, scope_id, group_id, period_start,
                                kind, amount_micros, model, at)
            VALUES (:key, :reservation, :s.column, :s.id, :s.groupId, :periodStart, :kind, :amount, :model, :at)
            ON CONFLICT (entry_key) DO NOTHING
            """)
    int insertEntry(@Bind("key") String key, @Bind("reservation") String reservation, @BindMethods("s") ScopeKey scope,
                    @Bind("periodStart") String periodStart, @Bind("kind") String kind, @Bind("amount") long amount,
                    @Bind("model") String model, @Bind("at") String at);

    /**
     * Checks every hold against its scope's limit and, only if all fit, records the reservation and
     * its holds: one transaction, so two concurrent calls can never both take the last dollar.
     */
    @Transaction
    default ReserveResult reserve(NewReservation reservation, List<Hold> holds, String owner) {
        lock(holds.stream().map(Hold::scope), reservation.at().toString());
        for (Hold hold : holds) {
            if (hold.limitMicros() < 0) {
                continue; // no limit: nothing to check, and summing the scope's ledger is not free
            }
            long used = used(hold.scope(), hold.periodStart());
            if (used + reservation.reservedMicros() > hold.limitMicros()) {
                return new ReserveResult.Exceeded(hold.scope(), used, spent(hold.scope(), hold.periodStart()),
                        hold.limitMicros());
            }
        }
        insertReservation(reservation, owner);
        String at = reservation.at().toString();
        for (Hold hold : holds) {
            insertEntry("hold:" + reservation.id() + ":" + key(hold.scope()), reservation.id(), hold.scope(),
                    hold.periodStart(), "hold", reservation.reservedMicros(), reservation.model(), at);
        }
        return new ReserveResult.Reserved(reservation.id());
    }

    /**
     * A call of a run: its holds are taken out of the run's hold {@code poolId} ({@code fromPool} of
     * each scope's share, recorded as a negative hold of the run, so closing the run releases only
     * what is left), and checked against the limits with that share freed, in one transaction.
     */
    @Transaction
    default ReserveResult reserveFromPool(String poolId, long poolShare, NewReservation reservation, List<Hold> holds,
                                          String owner) {
        lock(withPool(holds, poolId), reservation.at().toString());
        long fromPool = isOpen(poolId) ? poolShare : 0;
        for (Hold hold : holds) {
            if (hold.limitMicros() < 0) {
                continue; // no limit: nothing to check, and summing the scope's ledger is not free
            }
            long used = used(hold.scope(), hold.periodStart());
            if (used - fromPool + reservation.reservedMicros() > hold.limitMicros()) {
                return new ReserveResult.Exceeded(hold.scope(), used, spent(hold.scope(), hold.periodStart()),
                        hold.limitMicros());
            }
        }
        String at = reservation.at().toString();
        takeFromPool(poolId, fromPool, reservation.id(), at);
        insertReservation(reservation, owner);
        for (Hold hold : holds) {
            insertEntry("hold:" + reservation.id() + ":" + key(hold.scope()), reservation.id(), hold.scope(),
                    hold.periodStart(), "hold", reservation.reservedMicros(), reservation.model(), at);
        }
        return new ReserveResult.Reserved(reservation.id());
    }

    @SqlQuery("SELECT COUNT(*) > 0 FROM reservations WHERE id = :id AND state IN ('open', 'sent')")
    boolean isOpen(@Bind("id") String id);

    /**
     * Moves {@code fromPool} of each scope's share of a run's hold to one of its calls: a negative
     * hold of the run, so closing the run releases only what its calls did not take.
     */
    default void takeFromPool(String poolId, long fromPool, String takenBy, String at) {
        if (fromPool <= 0) {
            return;
        }
        for (HoldEntry pool : holds(poolId)) {
            if (pool.amountMicros() > 0) {
                insertEntry(pool.entryKey() + ":to:" + takenBy, poolId, pool.scope(), pool.periodStart(), "hold",
                        -fromPool, pool.model(), at);
            }
        }
    }

    @SqlUpdate("UPDATE reservations SET state = 'sent' WHERE id = :id AND state = 'open'")
    int markSent(@Bind("id") String id);

    @SqlQuery("""
            SELECT entry_key, scope_kind, scope_id, group_id, period_start, amount_micros, model FROM ledger
            WHERE reservation_id = :id AND kind = 'hold' ORDER BY id
            """)
    @RegisterConstructorMapper(HoldEntry.class)
    List<HoldEntry> holds(@Bind("id") String id);

    @SqlUpdate("""
            UPDATE reservations SET state = :state, charged_micros = :charged, cost_estimated = :estimated,
                closed_at = :at
            WHERE id = :id AND state IN ('open', 'sent')
            """)
    int closeReservation(@Bind("id") String id, @Bind("state") String state, @Bind("charged") long charged,
                         @Bind("estimated") boolean estimated, @Bind("at") String at);

    /**
     * Releases each hold and charges the real cost against the same scopes and periods. The entry
     * keys are unique per reservation and scope, so closing twice changes nothing the second time.
     * What each scope has spent right after this charge is read in the same transaction, behind the
     * scopes' locks: a threshold is then seen crossed by the very charge that crossed it, however
     * many others settle at the same time.
     */
    @Transaction
    default BudgetLedger.Closed close(String id, long chargeMicros, boolean estimated, String state, String at) {
        lock(holds(id).stream().map(HoldEntry::scope), at);
        // read again behind the locks: a call of this run that took from its pool meanwhile has committed
        // (or will find the run closed), so what it took is released too
        List<HoldEntry> held = holds(id);
        boolean changed = closeReservation(id, state, chargeMicros, estimated, at) > 0;
        for (HoldEntry hold : held) {
            ScopeKey scope = hold.scope();
            // one release per hold (an extended reservation has several), one charge per scope
            insertEntry("release:" + hold.entryKey(), id, scope, hold.periodStart(), "release",
                    -hold.amountMicros(), hold.model(), at);
            if (chargeMicros > 0) {
                insertEntry("charge:" + id + ":" + key(scope), id, scope, hold.periodStart(), "charge", chargeMicros,
                        hold.model(), at);
            }
        }
        java.util.Map<ScopeKey, Long> spentAfter = new java.util.HashMap<>();
        if (changed && chargeMicros > 0) {
            held.forEach(h -> spentAfter.put(h.scope(), spent(h.scope(), h.periodStart())));
        }
        return new BudgetLedger.Closed(changed, spentAfter);
    }

    @SqlUpdate("UPDATE reservations SET reserved_micros = reserved_micros + :extra WHERE id = :id AND state IN ('open', 'sent')")
    int growReservation(@Bind("id") String id, @Bind("extra") long extraMicros);

    /**
     * Holds {@code extraMicros} more for an open reservation against every scope it holds, if all
     * of them have room: the same check as a new reservation, in one transaction.
     */
    @Transaction
    default boolean extend(String id, long extraMicros, List<Hold> holds, int step, String at) {
        return extendFromPool(id, extraMicros, holds, step, at, null, 0);
    }

    /**
     * Extends a call of a run: up to {@code poolShare} of the extra comes out of the run's hold
     * {@code poolId} (only while the run is open), and only the rest must fit the scopes' limits.
     */
    @Transaction
    default boolean extendFromPool(String id, long extraMicros, List<Hold> holds, int step, String at,
                                   String poolId, long poolShare) {
        lock(withPool(holds, poolId), at);
        long fromPool = poolId != null && isOpen(poolId) ? Math.min(poolShare, extraMicros) : 0;
        for (Hold hold : holds) {
            if (hold.limitMicros() < 0) {
                continue; // no limit: nothing to check, and summing the scope's ledger is not free
            }
            long used = used(hold.scope(), hold.periodStart());
            if (used - fromPool + extraMicros > hold.limitMicros()) {
                return false;
            }
        }
        if (growReservation(id, extraMicros) == 0) {
            return false;
        }
        takeFromPool(poolId, fromPool, id + ":" + step, at);
        String model = holds(id).stream().map(HoldEntry::model).findFirst().orElse("?");
        for (Hold hold : holds) {
            insertEntry("hold:" + id + ":" + key(hold.scope()) + ":" + step, id, hold.scope(), hold.periodStart(),
                    "hold", extraMicros, model, at);
        }
        return true;
    }

    /** Open reservations whose process stopped: not {@code me}, and not beaten since {@code alive}. */
    @SqlQuery("""
            SELECT id, state, reserved_micros, estimate_micros, model FROM reservations
            WHERE state IN ('open', 'sent')
              AND (owner IS NULL OR (owner <> :me AND owner NOT IN (SELECT id FROM replicas WHERE seen_at >= :alive)))
            """)
    @RegisterConstructorMapper(OpenReservation.class)
    List<OpenReservation> abandoned(@Bind("me") String me, @Bind("alive") String alive);

    @SqlQuery("""
            SELECT model, SUM(amount_micros) AS micros FROM ledger
            WHERE scope_kind = :s.column AND scope_id = :s.id AND group_id = :s.groupId AND period_start = :periodStart
              AND kind = 'charge'
            GROUP BY model ORDER BY SUM(amount_micros) DESC
            """)
    @RegisterConstructorMapper(ModelSpend.class)
    List<ModelSpend> spendByModel(@BindMethods("s") ScopeKey scope, @Bind("periodStart") String periodStart);

    @SqlQuery("""
            SELECT limit_micros, period FROM budgets
            WHERE scope_kind = :s.column AND scope_id = :s.id AND group_id = :s.groupId
            """)
    @RegisterConstructorMapper(BudgetRow.class)
    Optional<BudgetRow> budget(@BindMethods("s") ScopeKey scope);

    @SqlUpdate("""
            INSERT INTO budgets (scope_kind, scope_id, group_id, limit_micros, period, updated_at, updated_by)
            VALUES (:s.column, :s.id, :s.groupId, :limit, :period, :at, :by)
            ON CONFLICT (scope_kind, scope_id, group_id) DO UPDATE SET limit_micros = excluded.limit_micros,
                period = excluded.period, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """)
    void setBudget(@BindMethods("s") ScopeKey scope, @Bind("limit") long limitMicros, @Bind("period") String period,
                   @Bind("at") String at, @Bind("by") long by);

    @SqlQuery("SELECT limit_micros, period FROM group_ceilings WHERE group_id = :group")
    @RegisterConstructorMapper(BudgetRow.class)
    Optional<BudgetRow> ceiling(@Bind("group") long groupId);

    @SqlUpdate("""
            INSERT INTO group_ceilings (group_id, limit_micros, period, updated_at, updated_by)
            VALUES (:group, :limit, :period, :at, :by)
            ON CONFLICT (group_id) DO UPDATE SET limit_micros = excluded.limit_micros, period = excluded.period,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """)
    void setCeiling(@Bind("group") long groupId, @Bind("limit") long limitMicros, @Bind("period") String period,
                    @Bind("at") String at, @Bind("by") long by);

    @SqlUpdate("""
            INSERT INTO alerts_sent (scope_kind, scope_id, group_id, period_start, threshold, sent_at)
            VALUES (:s.column, :s.id, :s.groupId, :periodStart, :threshold, :at)
            ON CONFLICT (scope_kind, scope_id, group_id, period_start, threshold) DO NOTHING
            """)
    int markAlert(@BindMethods("s") ScopeKey scope, @Bind("periodStart") String periodStart,
                  @Bind("threshold") int threshold, @Bind("at") String at);

    @SqlQuery("""
            SELECT r.created_at AS at, r.model, r.charged_micros AS micros FROM reservations r
            WHERE r.user_id = :user AND r.created_at >= :from AND r.charged_micros > 0
            ORDER BY r.created_at
            """)
    @RegisterConstructorMapper(Charge.class)
    List<Charge> charges(@Bind("user") long userId, @Bind("from") String from);

    static String key(ScopeKey scope) {
        return scope.column() + "/" + scope.id() + "/" + scope.groupId();
    }

    record HoldEntry(String entryKey, String scopeKind, long scopeId, long groupId, String periodStart,
                     long amountMicros, String model) {
        ScopeKey scope() {
            return new ScopeKey(ScopeKind.ofColumn(scopeKind), scopeId, groupId);
        }
    }

    record ModelSpend(String model, long micros) {
    }

    record Charge(String at, String model, long micros) {
    }
}
