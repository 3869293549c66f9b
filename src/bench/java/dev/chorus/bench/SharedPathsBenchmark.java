package dev.chorus.bench;

import dev.chorus.command.Allowances;
import dev.chorus.shared.RedisAllowances;
import dev.chorus.store.BudgetLedger;
import dev.chorus.store.Database;
import dev.chorus.store.Hold;
import dev.chorus.store.NewReservation;
import dev.chorus.store.ReserveResult;
import dev.chorus.store.ScopeKey;
import dev.chorus.testing.PostgresServer;
import dev.chorus.testing.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the paths replicas share cost one question, on real servers started for the run:
 * <ul>
 *   <li>{@link #reserveAndSettle}: a budget reservation against the user's and the global scope and
 *       its settling (two transactions), on SQLite (one file, one process) and on PostgreSQL (the
 *       scopes' rows locked, over loopback), with limits on both scopes (their running totals read and
 *       checked) and without;</li>
 *   <li>{@link #questionLimit}: taking one question from a person's allowance, in this process and
 *       in Redis (Bucket4j's compare-and-swap, over loopback).</li>
 * </ul>
 * {@code bin/bench SharedPaths}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class SharedPathsBenchmark {

    @State(Scope.Benchmark)
    public static class Ledger {
        @Param({"sqlite", "postgresql"})
        String store;
        /** "limits": both scopes have one, so their use is summed; "none": nothing to check. */
        @Param({"limits", "none"})
        String scopes;
        Path dir;
        Database db;
        BudgetLedger ledger;
        final AtomicLong ids = new AtomicLong();
        List<Hold> holds;

        @Setup(Level.Trial)
        public void open() throws Exception {
            long limit = scopes.equals("limits") ? Long.MAX_VALUE / 4 : -1;
            holds = List.of(new Hold(ScopeKey.user(7), "2026-12-03", limit), new Hold(ScopeKey.global(), "2026-12-03", limit));
            dir = Files.createTempDirectory("chorus-bench-ledger");
            db = store.equals("sqlite") ? Database.open(dir.resolve("chorus.db"))
                    : Database.openServer(PostgresServer.shared().newDatabase(), PostgresServer.USER, "", 8);
            ledger = new BudgetLedger(db);
        }

        @TearDown(Level.Trial)
        public void close() {
            db.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Limits {
        @Param({"in-process", "redis"})
        String where;
        RedisServer redis;
        Allowances allowances;
        // far more than the benchmark takes, so every take succeeds and costs the same
        final Allowances.Limit limit = new Allowances.Limit(1_000_000_000, 1_000_000_000);

        @Setup(Level.Trial)
        public void open() throws Exception {
            if (where.equals("redis")) {
                redis = RedisServer.start();
                allowances = new RedisAllowances(redis.url());
            } else {
                allowances = Allowances.local();
            }
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            if (allowances instanceof AutoCloseable closeable) {
                closeable.close();
            }
            if (redis != null) {
                redis.close();
            }
        }
    }

    @Benchmark
    public boolean reserveAndSettle(Ledger l) {
        String id = "bench-" + l.ids.incrementAndGet();
        Instant now = Instant.now();
        ReserveResult reserved = l.ledger.reserve(new NewReservation(id, now, 7, 7, "gpt-4o-mini", "answer", 600, 200),
                l.holds);
        return reserved instanceof ReserveResult.Reserved && l.ledger.close(id, 180, false, "settled", now);
    }

    @Benchmark
    public Object questionLimit(Limits l) {
        return l.allowances.take("user:7", l.limit);
    }
}
