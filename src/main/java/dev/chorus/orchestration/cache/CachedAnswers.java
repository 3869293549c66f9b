package dev.chorus.orchestration.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chorus.orchestration.analysis.TaskProfile;
import dev.chorus.provider.embedding.Embedder;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer cache: a question asked again in the same scope is answered from what was answered
 * before, when nothing about it can have changed. First word for word on the normalised text (case,
 * spacing, end punctuation and Unicode forms do not matter), then by meaning: the cosine of the
 * questions' sentence embeddings at or above the threshold, when the model knows the question's
 * language and the two questions' numbers, names and negation agree ({@link KeyTerms}).
 *
 * <p>A scope is a private chat, or one member of a group unless the group's admins share its answers
 * ({@link #scope}): never one person's answer to another who was not meant to see it. Questions that
 * depend on the time, on the conversation or that hold private data are never served from it nor
 * kept ({@link #cacheable}). Memory (Caffeine) in front of the store, so a restart keeps what was
 * kept. Thread-safe.
 */
public final class CachedAnswers {
    private static final Logger log = LoggerFactory.getLogger(CachedAnswers.class);
    /** How long a kept answer is served: a day, so that what a model would say has not moved on. */
    public static final Duration TTL = Duration.ofHours(24);
    /** Questions of one scope searched by meaning: a chat's day of questions. */
    static final int SCOPE_CAPACITY = 1_000;
    private static final int MEMORY_ENTRIES = 10_000;
    /**
     * Longer questions are matched word for word only: the sentence model reads about 256 tokens, a
     * long paste is rarely asked again in other words, and embedding one costs tens of milliseconds.
     */
    static final int MAX_EMBEDDED = 1_000;
    private static final Duration EMBEDDER_BACK_OFF = Duration.ofSeconds(30);
    private static final int PRUNE_EVERY = 500;
    /** The cosine from which two swapped words count as meaning the same (measured alone: synonyms 0.80–0.93, contrasts 0.36–0.68). */
    static final double SYNONYM_SIMILARITY = 0.80;

    private final AnswerCache store;
    private final Clock clock;
    private final Optional<Embedder> embedder;
    private final double threshold;
    private final Cache<String, AnswerCache.Entry> memory = Caffeine.newBuilder()
            .maximumSize(MEMORY_ENTRIES).expireAfterWrite(TTL).build();
    private final Cache<String, SemanticIndex> indexes = Caffeine.newBuilder()
            .maximumSize(MEMORY_ENTRIES).expireAfterAccess(TTL).build();
    // read for every group question, changed by an admin now and then
    private final Cache<Long, Boolean> sharing = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();
    private final java.util.concurrent.atomic.AtomicLong kept = new java.util.concurrent.atomic.AtomicLong();
    private volatile long embedderDownUntil = Long.MIN_VALUE;
    private final Cache<String, float[]> words = Caffeine.newBuilder().maximumSize(10_000).build();
    // the embedding of a question just looked up, so keeping its answer does not embed it again
    private final Cache<String, float[]> asked = Caffeine.newBuilder()
            .maximumSize(1_000).expireAfterWrite(Duration.ofMinutes(30)).build();

    /** Word-for-word matching only. */
    public CachedAnswers(AnswerCache store, Clock clock) {
        this(store, clock, Optional.empty(), 1.0);
    }

    /** @param threshold the least cosine at which a kept question counts as the same one (0..1) */
    public CachedAnswers(AnswerCache store, Clock clock, Optional<Embedder> embedder, double threshold) {
        this.store = store;
        this.clock = clock;
        this.embedder = embedder;
        this.threshold = threshold;
    }

    /** Whether a question may be served from, and kept in, the cache at all. */
    public static boolean cacheable(TaskProfile profile, boolean followUp) {
        return !followUp && !profile.needs().freshness() && profile.needs().privateData().isEmpty();
    }

    /**
     * Where a question's answer is kept and looked for: the private chat, the group when its admins
     * share answers, otherwise the member within the group.
     */
    public String scope(long chatId, long userId, boolean inGroup) {
        return !inGroup || shared(chatId) ? "chat:" + chatId : "chat:" + chatId + "/user:" + userId;
    }

    public boolean shared(long chatId) {
        return sharing.get(chatId, store::shared);
    }

    public void share(long chatId, boolean shared, long byUser) {
        store.share(chatId, shared, byUser);
        sharing.invalidate(chatId);
        indexes.invalidateAll(); // scopes of that chat change; the rest reload from the store
    }

    /**
     * Drops what this process remembers of a chat's kept answers (not the store's): another process
     * may have kept or cleared some since, and they are read from the store again when asked for.
     */
    public void forget(long chatId) {
        String chat = "chat:" + chatId;
        java.util.function.Predicate<String> ofChat = scope -> scope.equals(chat) || scope.startsWith(chat + "/");
        memory.asMap().keySet().removeIf(key -> ofChat.test(key.substring(0, key.indexOf('\n'))));
        indexes.asMap().keySet().removeIf(ofChat);
        sharing.invalidate(chatId);
    }

    /** Forgets every kept answer of a chat; returns how many there were. */
    public int clear(long chatId) {
        int cleared = store.clear(chatId);
        memory.invalidateAll();
        indexes.invalidateAll();
        return cleared;
    }

    /**
     * The kept answer for {@code question}, if one may serve it. A cache that cannot be read only
     * misses: the question is answered as usual.
     *
     * @param language the question's language (ISO 639-1), as the analyzer found it
     */
    public Optional<Hit> find(String scope, String question, String language) {
        try {
            return lookUp(scope, question, language);
        } catch (RuntimeException e) {
            log.warn("the answer cache could not be read; answering without it: {}", e.toString());
            return Optional.empty();
        }
    }

    private Optional<Hit> lookUp(String scope, String question, String language) {
        String key = key(question);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Instant since = clock.instant().minus(TTL);
        // the same key, and nothing the normalising dropped that tells the two apart
        Optional<AnswerCache.Entry> exact = entry(scope, key).filter(e -> e.at().isAfter(since))
                .filter(e -> !(KeyTerms.of(question).compare(KeyTerms.of(e.question())) instanceof KeyTerms.Verdict.Different));
        if (exact.isPresent()) {
            return Optional.of(new Hit(exact.get(), Match.EXACT, 1.0));
        }
        SemanticIndex index = embedder.isEmpty() ? null : index(scope);
        if (index == null || index.size() == 0) {
            return Optional.empty(); // nothing to compare with: the question is embedded when its answer is kept
        }
        float[] vector = embedding(key, question, language);
        if (vector == null) {
            return Optional.empty();
        }
        return index.nearest(vector, KeyTerms.of(question), threshold, since, this::synonyms)
                .flatMap(m -> entry(scope, m.questionKey()).filter(e -> e.at().isAfter(since))
                        .map(e -> new Hit(e, Match.SIMILAR, m.similarity())));
    }

    /** Keeps an answer; a cache that cannot be written only says so in the log. */
    public void put(String scope, String question, String language, String answer, String model, long costMicros) {
        try {
            keep(scope, question, language, answer, model, costMicros);
        } catch (RuntimeException e) {
            log.warn("an answer could not be kept in the cache: {}", e.toString());
        }
    }

    private void keep(String scope, String question, String language, String answer, String model, long costMicros) {
        String key = key(question);
        if (key.isEmpty()) {
            return;
        }
        AnswerCache.Entry entry = new AnswerCache.Entry(question, answer, model, costMicros, clock.instant());
        float[] vector = embedding(key, question, language);
        store.put(scope, key, entry, vector);
        if (kept.incrementAndGet() % PRUNE_EVERY == 0) {
            store.prune(clock.instant().minus(TTL)); // a day's worth is all that is ever served
        }
        memory.put(scope + "\n" + key, entry);
        if (vector != null) {
            index(scope).add(key, question, vector, entry.at());
        }
    }

    /** How a kept answer was found. */
    public enum Match { EXACT, SIMILAR }

    /** @param similarity the cosine of the two questions (1 for the same words) */
    public record Hit(AnswerCache.Entry entry, Match match, double similarity) {
    }

    private Optional<AnswerCache.Entry> entry(String scope, String key) {
        String memoryKey = scope + "\n" + key;
        AnswerCache.Entry entry = memory.getIfPresent(memoryKey);
        if (entry == null) {
            entry = store.find(scope, key).orElse(null);
            if (entry != null) {
                memory.put(memoryKey, entry);
            }
        }
        return Optional.ofNullable(entry);
    }

    private SemanticIndex index(String scope) {
        return indexes.get(scope, s -> {
            SemanticIndex index = new SemanticIndex(SCOPE_CAPACITY);
            var kept = store.recent(s, clock.instant().minus(TTL), SCOPE_CAPACITY);
            for (int i = kept.size() - 1; i >= 0; i--) {
                AnswerCache.Kept k = kept.get(i);
                index.add(k.questionKey(), k.question(), k.vector(), k.at());
            }
            return index;
        });
    }

    /**
     * Whether the words one question has in place of the other's mean the same. Sentence models put
     * "first" near "last" in a question, but alone the two words are far apart (a cosine near 0.5),
     * while "tall" and "height" stay close (above 0.8).
     */
    private boolean synonyms(String a, String b) {
        float[] x;
        float[] y;
        try {
            x = words.get(a, w -> embedder.get().embed(w));
            y = words.get(b, w -> embedder.get().embed(w));
        } catch (RuntimeException e) {
            embedderFailed(e);
            return false; // not known to mean the same: not served
        }
        double dot = 0;
        for (int i = 0; i < x.length; i++) {
            dot += x[i] * y[i];
        }
        return dot >= SYNONYM_SIMILARITY;
    }

    /** The question's embedding, or null when there is no model, it does not know the language, or it failed. */
    private float[] embedding(String key, String question, String language) {
        if (embedder.isEmpty() || !embedder.get().understands(language) || question.length() > MAX_EMBEDDED
                || System.nanoTime() < embedderDownUntil) {
            return null;
        }
        float[] known = asked.getIfPresent(key);
        if (known != null) {
            return known;
        }
        try {
            float[] vector = embedder.get().embed(question);
            asked.put(key, vector);
            return vector;
        } catch (RuntimeException e) {
            embedderFailed(e); // a cache that cannot embed only misses; the question is answered as usual
            return null;
        }
    }

    /** After a failure the model is left alone for a while: a provider's endpoint that is down must not slow every question. */
    private void embedderFailed(RuntimeException e) {
        boolean wasUp = System.nanoTime() >= embedderDownUntil;
        embedderDownUntil = System.nanoTime() + EMBEDDER_BACK_OFF.toNanos();
        if (wasUp) {
            log.warn("cannot embed for the answer cache ({}): {}; matching word for word for {} s", embedder.get().name(),
                    e.toString(), EMBEDDER_BACK_OFF.toSeconds());
        }
    }

    /**
     * The text as the cache compares it: "What's Rust?", "whats  rust" and "What’s Rust, then" less its
     * last word are the same question. Case, spacing, apostrophes, quotes and sentence punctuation go;
     * what can change a question's meaning stays: brackets, a dot, comma or hyphen inside a word or
     * before a digit (os.path, 2,5, .5, -5, B-tree), "!" after a digit (10!), ":" between digits (3:30),
     * # and + (C#, C++). ё is written е, as most Russian typing does. An exact hit is still checked
     * against the kept question's numbers, signs and names, which the text may have lost here.
     */
    static String key(String question) {
        String text = Normalizer.normalize(question, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replace('ё', 'е').replaceAll("['’‘`]", "")
                .replaceAll("[\"“”„«»—–?…;]", " ")
                .replaceAll("(?<!\\p{N})!", " ")
                .replaceAll("(?<!\\p{N}):|:(?!\\p{N})", " ")
                .replaceAll("(?<![\\p{L}\\p{N}])[.,-]+(?!\\p{N})|[.,-]+(?![\\p{L}\\p{N}])", " ");
        return text.replaceAll("\\s+", " ").strip();
    }
}
