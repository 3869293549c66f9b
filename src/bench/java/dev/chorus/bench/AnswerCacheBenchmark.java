package dev.chorus.bench;

import dev.chorus.orchestration.cache.CachedAnswers;
import dev.chorus.provider.embedding.Embedder;
import dev.chorus.provider.embedding.LocalMiniLm;
import dev.chorus.store.Database;
import dev.chorus.store.JdbiAnswerCache;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
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
 * Looking a question up in the answer cache with 100,000 kept answers in SQLite (100 chats, 1,000
 * each, every one with a 384-dimension embedding), all chats' indexes in memory:
 * <ul>
 *   <li>{@link #exactMemoryHit}: the same words, answer in memory;</li>
 *   <li>{@link #exactStoreHit}: the same words, answer read from SQLite (after a restart, or memory full);</li>
 *   <li>{@link #semanticHit}: a rewording, found by scanning the chat's 1,000 vectors and checking the key terms;</li>
 *   <li>{@link #semanticMiss}: a question never asked: the exact look-up and the whole scan;</li>
 *   <li>{@link #embed}: the in-process model embedding one question (what a lookup by meaning adds first).</li>
 * </ul>
 * Lookups use the model's real vectors for the questions they ask (computed once in set-up); the
 * 100,000 fillers have random vectors, which cost the same to scan. {@code bin/bench AnswerCache}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class AnswerCacheBenchmark {
    static final int CHATS = 100;
    static final int PER_CHAT = 1_000;
    static final String KEPT = "How do I reverse a list in Python?";
    static final String REWORDED = "What's the way to reverse a Python list?";
    static final String[] QUESTIONS = {
        "How do I reverse a list in Python?", "What is the capital of Australia?",
        "Explain the difference between TCP and UDP in simple terms", "How long should I boil an egg?",
        "Write a haiku about autumn rain", "What causes the seasons on Earth?",
        "How do I undo the last commit in Git but keep the changes?", "Is 97 a prime number?"};

    @State(Scope.Benchmark)
    public static class Kept {
        Path dir;
        Database db;
        JdbiAnswerCache store;
        CachedAnswers cache;
        LocalMiniLm model;
        final Map<String, float[]> vectors = new ConcurrentHashMap<>();
        final Random random = new Random(5);

        @Setup(Level.Trial)
        public void fill() throws Exception {
            model = new LocalMiniLm();
            vectors.put(KEPT, model.embed(KEPT));
            vectors.put(REWORDED, model.embed(REWORDED));
            dir = Files.createTempDirectory("cache-bench");
            db = Database.open(dir.resolve("cache.db"));
            store = new JdbiAnswerCache(db, Clock.systemUTC());
            String answer = "An answer of a few sentences. ".repeat(20);
            String at = Instant.now().toString();
            Random fill = new Random(7);
            db.jdbi().useTransaction(h -> {
                for (int c = 0; c < CHATS; c++) {
                    for (int q = 0; q < PER_CHAT; q++) {
                        String question = q == 0 ? KEPT : "What is question number " + q + "?";
                        float[] v = q == 0 ? vectors.get(KEPT) : Embedder.normalized(randomVector(fill));
                        h.createUpdate("INSERT INTO answer_cache (scope, question_key, question, answer, model, "
                                        + "cost_micros, at, embedding) VALUES (:s, :k, :q, :a, 'gpt-4o-mini', 120, :at, :e)")
                                .bind("s", "chat:" + c).bind("k", question.toLowerCase().replaceAll("[?']", "").strip())
                                .bind("q", question).bind("a", answer).bind("at", at).bind("e", bytes(v)).execute();
                    }
                }
            });
            Embedder known = new Embedder() {
                @Override
                public float[] embed(String text) {
                    return vectors.computeIfAbsent(text, t -> Embedder.normalized(randomVector(new Random(t.hashCode()))));
                }

                @Override
                public String name() {
                    return "precomputed";
                }

                @Override
                public boolean understands(String language) {
                    return true;
                }
            };
            cache = new CachedAnswers(store, Clock.systemUTC(), Optional.of(known), 0.84);
            for (int c = 0; c < CHATS; c++) {
                cache.find("chat:" + c, REWORDED, "en"); // loads every chat's index, as a day of use would
                for (int q = 1; q < 50; q++) {
                    cache.find("chat:" + c, "What is question number " + q + "?", "en");
                }
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            db.close();
        }

        private static float[] randomVector(Random r) {
            float[] v = new float[384];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) r.nextGaussian();
            }
            return v;
        }

        private static byte[] bytes(float[] v) {
            ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v);
            return b.array();
        }
    }

    @Benchmark
    public Optional<CachedAnswers.Hit> exactMemoryHit(Kept kept) {
        return kept.cache.find("chat:" + kept.random.nextInt(CHATS), "What is question number "
                + (1 + kept.random.nextInt(49)) + "?", "en");
    }

    @Benchmark
    public Optional<?> exactStoreHit(Kept kept) {
        return kept.store.find("chat:" + kept.random.nextInt(CHATS), "what is question number "
                + (1 + kept.random.nextInt(PER_CHAT - 1)));
    }

    @Benchmark
    public Optional<CachedAnswers.Hit> semanticHit(Kept kept) {
        return kept.cache.find("chat:" + kept.random.nextInt(CHATS), REWORDED, "en");
    }

    @Benchmark
    public Optional<CachedAnswers.Hit> semanticMiss(Kept kept) {
        // the vector of a question never asked is computed once per text and kept, so this is the scan alone
        return kept.cache.find("chat:" + kept.random.nextInt(CHATS), "A question never asked " + kept.random.nextInt(64),
                "en");
    }

    @Benchmark
    public float[] embed(Kept kept) {
        return kept.model.embed(QUESTIONS[kept.random.nextInt(QUESTIONS.length)]);
    }
}
