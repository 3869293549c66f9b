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

    /** Forgets every kept answer of a chat; returns how many there were. */
    public int clear(long chatId) {
        int cleared = store.clear(chatId);
        memory.invalidateAll();
        indexes.invalidateAll();
        return cleared;
    }

    /** @param language the question's language (ISO 639-1), as the analyzer found it */
    public Optional<Hit> find(String scope, String question, String language) {
        String key = key(question);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Instant since = clock.instant().minus(TTL);
        Optional<AnswerCache.Entry> exact = entry(scope, key).filter(e -> e.at().isAfter(since));
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

    public void put(String scope, String question, String language, String answer, String model, long costMicros) {
        String key = key(question);
        if (key.isEmpty()) {
            return;
        }
        AnswerCache.Entry entry = new AnswerCache.Entry(question, answer, model, costMicros, clock.instant());
        float[] vector = embedding(key, question, language);
        store.put(scope, key, entry, vector);
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
        float[] x = words.get(a, w -> embedder.get().embed(w));
        float[] y = words.get(b, w -> embedder.get().embed(w));
        double dot = 0;
        for (int i = 0; i < x.length; i++) {
            dot += x[i] * y[i];
        }
        return dot >= SYNONYM_SIMILARITY;
    }

    /** The question's embedding, or null when there is no model, it does not know the language, or it failed. */
    private float[] embedding(String key, String question, String language) {
        if (embedder.isEmpty() || !embedder.get().understands(language) || question.length() > MAX_EMBEDDED) {
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
            // a cache that cannot embed only misses; the question is answered as usual
            log.warn("cannot embed a question for the answer cache ({}): {}", embedder.get().name(), e.toString());
            return null;
        }
    }

    /**
     * The text as the cache compares it: "What's Rust?", "whats  rust" and "What’s Rust, then" less its
     * last word are the same question. Case, spacing, apostrophes, quotes, brackets and sentence
     * punctuation go; a dot, hyphen or comma inside a word or number stays (os.path, B-tree, 2,5), and
     * so do # and + (C#, C++). ё is written е, as most Russian typing does.
     */
    static String key(String question) {
        String text = Normalizer.normalize(question, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replace('ё', 'е').replaceAll("['’‘`]", "")
                .replaceAll("[\"“”„«»—–()\\[\\]{}!?…;:]", " ")
                .replaceAll("(?<![\\p{L}\\p{N}])[.,-]+|[.,-]+(?![\\p{L}\\p{N}])", " ");
        return text.replaceAll("\\s+", " ").strip();
    }
}
