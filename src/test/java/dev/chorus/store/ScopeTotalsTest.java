package dev.chorus.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.testing.Concurrently;
import dev.chorus.testing.StoreKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A scope's running totals are what its ledger rows add up to, always: after every kind of write
 * (reserve, a run's pool, extend, settle, a repeated settle), from two processes at once (on
 * PostgreSQL, without a deadlock between the totals' row locks), after the migration that
 * introduced them on a ledger written before, and for rows written by code that knows nothing of them.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class ScopeTotalsTest {
    private static final String DAY = "2026-12-03T00:00:00Z";
    private static final String NEXT_DAY = "2026-12-04T00:00:00Z";

    @Parameter
    StoreKind kind;

    @TempDir
    Path dir;

    @Test
    void totalsEqualTheLedgerAfterAConcurrentMixOfEveryWriteFromTwoProcesses() throws Exception {
        try (Database first = kind.open(dir.resolve("totals.db")); Database second = kind.open(dir.resolve("totals.db"))) {
            List<BudgetLedger> ledgers = List.of(new BudgetLedger(first), new BudgetLedger(second));
            List<Callable<Void>> work = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                int n = i;
                work.add(() -> {
                    SplittableRandom random = new SplittableRandom(n);
                    BudgetLedger mine = ledgers.get(n % 2);
                    BudgetLedger other = ledgers.get(1 - n % 2);
                    List<Hold> holds = holdsOf(random);
                    Instant at = Instant.parse(DAY).plusSeconds(n);
                    String id = "r" + n;
                    if (n % 5 == 0) {
                        // a run: its pool, one call taken from it, the call and the pool closed
                        mine.reserve(new NewReservation(id, at, 1, 1, "m", "multi", 900, 300), holds);
                        mine.reserveFromPool(id, 400, new NewReservation(id + "-call", at, 1, 1, "m", "answer", 500,
                                200), holds);
                        mine.extendFromPool(id + "-call", 300, holds, 1, at, id, 200);
                        mine.close(id + "-call", 350, false, "settled", at);
                        mine.close(id, 0, false, "settled", at);
                    } else if (mine.reserve(new NewReservation(id, at, 1, 1, "m", "answer", 100 + random.nextInt(400),
                            50), holds) instanceof ReserveResult.Reserved) {
                        if (random.nextBoolean()) {
                            mine.extend(id, 50 + random.nextInt(200), holds, 1, at);
                        }
                        long charge = random.nextInt(300);
                        mine.close(id, charge, false, "settled", at);
                        if (random.nextInt(3) == 0) {
                            other.close(id, charge, true, "reconciled", at); // a second close changes nothing
                        }
                    }
                    return null;
                });
            }
            Concurrently.runAll(work);
            Map<String, List<Long>> totals = rows(first, "SELECT scope_kind || '/' || scope_id || '/' || group_id || '@' "
                    + "|| period_start AS k, used_micros AS u, spent_micros AS s FROM scope_totals");
            assertThat(totals).isEqualTo(ledgerSums(first)).hasSizeGreaterThan(5);
            // and what the budget reads is the same sum
            long globalUse = ledgerSum(first, "scope_kind = 'global' AND period_start = '" + DAY + "'");
            assertThat(ledgers.get(1).used(ScopeKey.global(), DAY)).isEqualTo(globalUse).isPositive();
        }
    }

    @Test
    void aRunClosedWhileItsCallsTakeFromItsPoolLeavesNothingHeld() throws Exception {
        try (Database first = kind.open(dir.resolve("pool.db")); Database second = kind.open(dir.resolve("pool.db"))) {
            List<BudgetLedger> ledgers = List.of(new BudgetLedger(first), new BudgetLedger(second));
            List<Hold> holds = List.of(new Hold(ScopeKey.user(1), DAY, 50_000), new Hold(ScopeKey.global(), DAY, -1));
            Instant at = Instant.parse(DAY);
            for (int round = 0; round < 5; round++) {
                String run = "run" + round;
                ledgers.get(0).reserve(new NewReservation(run, at, 1, 1, "m", "multi", 5_000, 1_000), holds);
                List<Callable<Void>> work = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    BudgetLedger ledger = ledgers.get(i % 2);
                    String call = run + "-call" + i;
                    work.add(() -> {
                        ledger.reserveFromPool(run, 100, new NewReservation(call, at, 1, 1, "m", "answer", 100, 50),
                                holds);
                        ledger.close(call, 40, false, "settled", at);
                        return null;
                    });
                    if (i == 12) {
                        work.add(() -> {
                            ledgers.get(1).close(run, 0, false, "settled", at); // the run ends while calls take
                            return null;
                        });
                    }
                }
                Concurrently.runAll(work);
            }
            assertThat(ledgerSum(first, "kind IN ('hold', 'release')")).as("every hold released").isZero();
            assertThat(ledgers.get(0).used(ScopeKey.user(1), DAY)).as("only the charges")
                    .isEqualTo(ledgerSum(first, "kind = 'charge' AND scope_kind = 'user'"));
        }
    }

    @Test
    void theMigrationTotalsALedgerWrittenBeforeIt() {
        Path file = dir.resolve("old.db");
        // the schema as it was before the totals, with some spend written into it by hand
        org.jdbi.v3.core.Jdbi before = kind.migratedTo(file, "13");
        {
            for (int i = 0; i < 6; i++) {
                String day = i < 4 ? DAY : NEXT_DAY;
                List<Hold> holds = List.of(new Hold(ScopeKey.user(i % 2), day, 10_000),
                        new Hold(ScopeKey.global(), day, -1));
                String id = "old" + i;
                before.useHandle(h -> {
                    h.execute("INSERT INTO reservations (id, created_at, user_id, chat_id, model, purpose, "
                            + "reserved_micros, estimate_micros, state) VALUES (?, ?, 1, 1, 'm', 'answer', 500, 100, "
                            + "'open')", id, day);
                    for (Hold hold : holds) {
                        writeByHand(h, id, hold, "hold", 500);
                    }
                });
                if (i % 3 != 2) {
                    // settled
                    before.useHandle(h -> {
                        for (Hold hold : holds) {
                            writeByHand(h, id, hold, "release", -500);
                            writeByHand(h, id, hold, "charge", 120);
                        }
                    });
                }
            }
        }
        try (Database db = kind.open(file)) {
            assertThat(Integer.parseInt(db.schemaVersion())).isGreaterThanOrEqualTo(14);
            Map<String, List<Long>> totals = rows(db, "SELECT scope_kind || '/' || scope_id || '/' || group_id || '@' "
                    + "|| period_start AS k, used_micros AS u, spent_micros AS s FROM scope_totals");
            assertThat(totals).isEqualTo(ledgerSums(db)).hasSize(6);
            BudgetLedger ledger = new BudgetLedger(db);
            // day one: reservations 0-3, of which 2 is still open (500 held); global used 3 × 120 + 500
            assertThat(ledger.used(ScopeKey.global(), DAY)).isEqualTo(860);
            assertThat(ledger.spent(ScopeKey.global(), DAY)).isEqualTo(360);
            // and it goes on counting from there
            ledger.close("old2", 200, false, "settled", Instant.parse(DAY));
            assertThat(ledger.used(ScopeKey.global(), DAY)).isEqualTo(560);
            // also what a replica still on the version before writes, during a rolling upgrade
            db.jdbi().useHandle(h -> {
                h.execute("INSERT INTO reservations (id, created_at, user_id, chat_id, model, purpose, reserved_micros, "
                        + "estimate_micros, state) VALUES ('older', ?, 1, 1, 'm', 'answer', 300, 100, 'open')", DAY);
                writeByHand(h, "older", new Hold(ScopeKey.global(), DAY, -1), "hold", 300);
            });
            assertThat(ledger.used(ScopeKey.global(), DAY)).isEqualTo(860);
            assertThat(rows(db, "SELECT scope_kind || '/' || scope_id || '/' || group_id || '@' || period_start AS k, "
                    + "used_micros AS u, spent_micros AS s FROM scope_totals")).isEqualTo(ledgerSums(db));
        }
    }

    private static void writeByHand(org.jdbi.v3.core.Handle h, String reservation, Hold hold, String kind, long amount) {
        h.execute("INSERT INTO ledger (entry_key, reservation_id, scope_kind, scope_id, group_id, period_start, kind, "
                        + "amount_micros, model, at) VALUES (?, ?, ?, ?, 0, ?, ?, ?, 'm', ?)",
                kind + ":" + reservation + ":" + hold.scope().column(), reservation, hold.scope().column(),
                hold.scope().id(), hold.periodStart(), kind, amount, hold.periodStart());
    }

    private static List<Hold> holdsOf(SplittableRandom random) {
        List<Hold> holds = new ArrayList<>();
        long user = 1 + random.nextInt(4);
        holds.add(new Hold(ScopeKey.user(user), DAY, random.nextBoolean() ? 4_000 : -1));
        if (random.nextBoolean()) {
            long group = -100 - random.nextInt(2);
            holds.add(new Hold(ScopeKey.group(group), DAY, 6_000));
            holds.add(new Hold(ScopeKey.member(user, group), DAY, 2_000));
        }
        // half in the order the budget service builds them, half reversed: the lock order must not depend on it
        holds.add(new Hold(ScopeKey.global(), DAY, 30_000));
        if (random.nextBoolean()) {
            java.util.Collections.reverse(holds);
        }
        return holds;
    }

    private static Map<String, List<Long>> ledgerSums(Database db) {
        return rows(db, """
                SELECT scope_kind || '/' || scope_id || '/' || group_id || '@' || period_start AS k,
                       SUM(amount_micros) AS u, SUM(CASE WHEN kind = 'charge' THEN amount_micros ELSE 0 END) AS s
                FROM ledger GROUP BY scope_kind, scope_id, group_id, period_start
                """);
    }

    private static long ledgerSum(Database db, String where) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COALESCE(SUM(amount_micros), 0) FROM ledger WHERE "
                + where).mapTo(Long.class).one());
    }

    private static Map<String, List<Long>> rows(Database db, String sql) {
        Map<String, List<Long>> rows = new TreeMap<>();
        db.jdbi().useHandle(h -> h.createQuery(sql).map((rs, ctx) -> Map.entry(rs.getString("k"),
                List.of(rs.getLong("u"), rs.getLong("s")))).forEach(e -> rows.put(e.getKey(), e.getValue())));
        return rows;
    }
}
