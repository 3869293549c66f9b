package dev.chorus.orchestration.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.embedding.Embedder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hit and false-hit rates of the answer cache on the project's set of repeated, reworded and
 * look-alike questions ({@code cache/questions.json}). Every group's question is kept in one busy
 * chat; then each repeat and rewording is asked (a hit when it is served its own group's answer) and
 * each look-alike (served anything: a false hit). Embeddings are computed once and shared between
 * thresholds, so a sweep costs one pass of the model.
 */
public final class CacheQuality {
    /** One question of the set and what serving it should do. */
    public record Probe(String group, String language, String kind, String text) {
    }

    /** The figures for one language (or "all") at one threshold. */
    public record Figures(String language, double threshold, int same, int hits, int negatives, int falseHits,
                          Map<String, int[]> byKind) {
        public double hitRate() {
            return same == 0 ? 0 : (double) hits / same;
        }

        /** False hits over every question asked: how often someone gets a wrong kept answer. */
        public double falseHitRate() {
            return (double) falseHits / (same + negatives);
        }

        @Override
        public String toString() {
            StringBuilder kinds = new StringBuilder();
            byKind.forEach((k, v) -> kinds.append(String.format(" %s %d/%d", k, v[0], v[1])));
            return String.format("%-3s @%.2f  hits %d/%d = %.1f%% (%s)  false hits %d/%d = %.2f%%", language, threshold,
                    hits, same, 100.0 * hitRate(), kinds.toString().strip(), falseHits, same + negatives,
                    100.0 * falseHitRate());
        }
    }

    private final List<Probe> cached = new ArrayList<>();
    private final List<Probe> asked = new ArrayList<>();
    private final Map<String, float[]> vectors = new HashMap<>();

    public CacheQuality(Embedder embedder) {
        this(embedder, -1);
    }

    /** @param half 0 or 1 for the even or odd groups only (a check that what was tuned holds on the rest), -1 for all */
    public CacheQuality(Embedder embedder, int half) {
        JsonNode groups = read().path("groups");
        int index = 0;
        for (JsonNode g : groups) {
            if (half >= 0 && index++ % 2 != half) {
                continue;
            }
            String id = g.path("id").asText();
            String lang = g.path("lang").asText();
            cached.add(new Probe(id, lang, "cached", g.path("cached").asText()));
            for (JsonNode same : g.path("same")) {
                asked.add(new Probe(id, lang, same.path("kind").asText(), same.path("q").asText()));
            }
            for (JsonNode different : g.path("different")) {
                asked.add(new Probe(id, lang, "different", different.asText()));
            }
        }
        Embedder memo = new Embedder() {
            @Override
            public float[] embed(String text) {
                return vectors.computeIfAbsent(text, embedder::embed);
            }

            @Override
            public String name() {
                return embedder.name();
            }

            @Override
            public boolean understands(String language) {
                return embedder.understands(language);
            }
        };
        this.embedder = memo;
    }

    private final Embedder embedder;

    public int questions() {
        return cached.size() + asked.size();
    }

    /** Runs the whole set at one threshold; the figures for "all", then each language. */
    public List<Figures> run(double threshold) {
        Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
        CachedAnswers cache = new CachedAnswers(new MemoryStore(), clock, Optional.of(embedder), threshold);
        for (Probe p : cached) {
            cache.put("chat:1", p.text(), p.language(), "answer of " + p.group(), "m", 100);
        }
        Map<String, Tally> tallies = new java.util.LinkedHashMap<>();
        tallies.put("all", new Tally());
        for (Probe p : asked) {
            Optional<CachedAnswers.Hit> hit = cache.find("chat:1", p.text(), p.language());
            boolean own = hit.isPresent() && hit.get().entry().answer().equals("answer of " + p.group());
            for (Tally t : List.of(tallies.get("all"), tallies.computeIfAbsent(p.language(), l -> new Tally()))) {
                t.add(p.kind(), hit.isPresent(), own);
            }
        }
        List<Figures> figures = new ArrayList<>();
        tallies.forEach((lang, t) -> figures.add(new Figures(lang, threshold, t.same, t.hits, t.negatives,
                t.falseHits, t.byKind)));
        return figures;
    }

    /** The questions wrongly served or wrongly missed at one threshold, for reading. */
    public List<String> mistakes(double threshold) {
        Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
        CachedAnswers cache = new CachedAnswers(new MemoryStore(), clock, Optional.of(embedder), threshold);
        Map<String, String> question = new HashMap<>();
        for (Probe p : cached) {
            cache.put("chat:1", p.text(), p.language(), "answer of " + p.group(), "m", 100);
            question.put(p.group(), p.text());
        }
        List<String> out = new ArrayList<>();
        for (Probe p : asked) {
            Optional<CachedAnswers.Hit> hit = cache.find("chat:1", p.text(), p.language());
            boolean own = hit.isPresent() && hit.get().entry().answer().equals("answer of " + p.group());
            if (p.kind().equals("different") ? hit.isPresent() : !own) {
                out.add((p.kind().equals("different") ? "FALSE " : "MISS  ") + p.text() + "  <->  "
                        + hit.map(h -> h.entry().question() + String.format(" (%.3f)", h.similarity()))
                        .orElse(question.get(p.group())));
            }
        }
        return out;
    }

    private static final class Tally {
        int same;
        int hits;
        int negatives;
        int falseHits;
        final Map<String, int[]> byKind = new java.util.TreeMap<>();

        void add(String kind, boolean served, boolean own) {
            int[] k = byKind.computeIfAbsent(kind, x -> new int[2]);
            k[1]++;
            if (kind.equals("different")) {
                negatives++;
                if (served) {
                    falseHits++;
                    k[0]++;
                }
            } else {
                same++;
                if (own) {
                    hits++;
                    k[0]++;
                } else if (served) {
                    falseHits++;
                }
            }
        }
    }

    private static JsonNode read() {
        try (InputStream in = CacheQuality.class.getResourceAsStream("/cache/questions.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The store's contract in memory, so a sweep of thresholds does not write thousands of rows. */
    static final class MemoryStore implements AnswerCache {
        private final Map<String, Entry> entries = new HashMap<>();
        private final Map<String, float[]> vectors = new HashMap<>();

        @Override
        public Optional<Entry> find(String scope, String questionKey) {
            return Optional.ofNullable(entries.get(scope + "\n" + questionKey));
        }

        @Override
        public void put(String scope, String questionKey, Entry entry, float[] vector) {
            entries.put(scope + "\n" + questionKey, entry);
            vectors.put(scope + "\n" + questionKey, vector);
        }

        @Override
        public List<Kept> recent(String scope, Instant since, int limit) {
            return List.of();
        }

        @Override
        public boolean shared(long chatId) {
            return false;
        }

        @Override
        public void share(long chatId, boolean shared, long byUser) {
        }

        @Override
        public int clear(long chatId) {
            return 0;
        }
    }
}
