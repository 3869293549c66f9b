package dev.chorus.orchestration.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chorus.orchestration.analysis.TaskProfile;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The answer cache: a question asked again in the same chat is answered from what was answered
 * before, when nothing about it can have changed. Exact matching on the normalised text (case,
 * spacing, end punctuation and Unicode forms do not matter). Questions that depend on the time
 * (the analyzer's freshness: "today", "latest", prices), on the conversation (a follow-up) or that
 * hold private data are never served from it nor kept. Memory (Caffeine) in front of the store, so
 * a restart keeps what was kept. Thread-safe.
 */
public final class CachedAnswers {
    /** How long a kept answer is served: a day, so that what a model would say has not moved on. */
    public static final Duration TTL = Duration.ofHours(24);
    private static final int MEMORY_ENTRIES = 10_000;

    private final AnswerCache store;
    private final Clock clock;
    private final Cache<String, AnswerCache.Entry> memory = Caffeine.newBuilder()
            .maximumSize(MEMORY_ENTRIES).expireAfterWrite(TTL).build();

    public CachedAnswers(AnswerCache store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Whether a question may be served from, and kept in, the cache at all. */
    public static boolean cacheable(TaskProfile profile, boolean followUp) {
        return !followUp && !profile.needs().freshness() && profile.needs().privateData().isEmpty();
    }

    public Optional<AnswerCache.Entry> find(long chatId, String question) {
        String key = key(question);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        AnswerCache.Entry entry = memory.getIfPresent(chatId + ":" + key);
        if (entry == null) {
            entry = store.find(chatId, key).orElse(null);
            if (entry != null) {
                memory.put(chatId + ":" + key, entry);
            }
        }
        return Optional.ofNullable(entry).filter(e -> e.at().plus(TTL).isAfter(clock.instant()));
    }

    public void put(long chatId, String question, String answer, String model, long costMicros) {
        String key = key(question);
        if (key.isEmpty()) {
            return;
        }
        AnswerCache.Entry entry = new AnswerCache.Entry(answer, model, costMicros, clock.instant());
        store.put(chatId, key, entry);
        memory.put(chatId + ":" + key, entry);
    }

    /** The text as the cache compares it: "What is Rust?" and "what is  rust" are the same question. */
    static String key(String question) {
        String text = Normalizer.normalize(question, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ").strip();
        return text.replaceAll("[\\s?!.…;:,]+$", "");
    }
}
