package dev.chorus.bench;

import dev.chorus.orchestration.cache.AnswerCache;
import dev.chorus.orchestration.cache.CachedAnswers;
import dev.chorus.store.Database;
import dev.chorus.store.JdbiAnswerCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Looking a question up in the exact answer cache with 100,000 kept answers in SQLite (100 chats,
 * 1,000 each): {@link #memoryHit} a question whose answer is in memory, {@link #storeHit} one only in
 * the store (a restart, or memory full), {@link #miss} a question never asked. {@code bin/bench AnswerCache}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class AnswerCacheBenchmark {
    static final int CHATS = 100;
    static final int PER_CHAT = 1_000;

    @State(Scope.Benchmark)
    public static class Kept {
        Path dir;
        Database db;
        JdbiAnswerCache store;
        CachedAnswers warm;
        final Random random = new Random(5);

        @Setup(Level.Trial)
        public void fill() throws Exception {
            dir = Files.createTempDirectory("cache-bench");
            db = Database.open(dir.resolve("cache.db"));
            store = new JdbiAnswerCache(db);
            AnswerCache.Entry entry = new AnswerCache.Entry("An answer of a few sentences. ".repeat(20), "gpt-4o-mini",
                    120, Instant.now());
            db.jdbi().useTransaction(h -> {
                for (int c = 0; c < CHATS; c++) {
                    for (int q = 0; q < PER_CHAT; q++) {
                        h.createUpdate("INSERT INTO answer_cache (chat_id, question_key, answer, model, cost_micros, at) "
                                        + "VALUES (:c, :k, :a, :m, 120, :at)").bind("c", (long) c)
                                .bind("k", "what is question number " + q).bind("a", entry.answer()).bind("m", entry.model())
                                .bind("at", entry.at().toString()).execute();
                    }
                }
            });
            warm = new CachedAnswers(store, Clock.systemUTC());
            for (int q = 0; q < 5_000; q++) {
                warm.find(q % CHATS, "What is question number " + (q % PER_CHAT) + "?");
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            db.close();
        }
    }

    @Benchmark
    public Optional<AnswerCache.Entry> memoryHit(Kept kept) {
        int q = kept.random.nextInt(5_000);
        return kept.warm.find(q % CHATS, "What is question number " + (q % PER_CHAT) + "?");
    }

    @Benchmark
    public Optional<AnswerCache.Entry> storeHit(Kept kept) {
        // what a memory miss does: the kept answer read from SQLite by its normalised key
        return kept.store.find(kept.random.nextInt(CHATS), "what is question number " + kept.random.nextInt(PER_CHAT));
    }

    @Benchmark
    public Optional<AnswerCache.Entry> miss(Kept kept) {
        return kept.warm.find(kept.random.nextInt(CHATS), "a question never asked " + kept.random.nextInt(1_000_000));
    }
}
