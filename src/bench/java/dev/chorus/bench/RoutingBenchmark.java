package dev.chorus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.cli.OfflineRouter;
import dev.chorus.orchestration.AskService;
import dev.chorus.orchestration.analysis.DeterministicAnalyzer;
import dev.chorus.orchestration.analysis.TaskProfile;
import dev.chorus.orchestration.delegation.DelegationEngine;
import dev.chorus.orchestration.delegation.Preferences;
import dev.chorus.orchestration.delegation.QualityModel;
import dev.chorus.orchestration.delegation.Routing;
import dev.chorus.provider.ModelPrice;
import dev.chorus.provider.TokenEstimator;
import dev.chorus.provider.catalog.Domain;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.catalog.ModelSpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What routing one question costs before any model is called: the deterministic analysis
 * ({@link #analyze}), the delegation engine alone on ready profiles ({@link #delegate}), and both as
 * {@code route} and the bot run them ({@link #analyzeAndDelegate}), with 15 and with 200 models in the
 * catalog. Each call takes the next of 50 labelled questions, round robin. Target: p99 under 1 ms at 200
 * models. Short by default (3 × 2 s warmup, 4 × 3 s measurement, 1 fork): {@code bin/bench Routing}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RoutingBenchmark {
    static final int QUESTIONS = 50;
    /** The built-in models left out of the 15-model catalog: duplicates via OpenRouter, two of three local ones. */
    static final Set<String> NOT_IN_15 = Set.of("openrouter/gpt-4o-mini", "openrouter/llama-3.3-70b", "llama3.2",
            "mistral:7b");

    /** Realistic questions: every seventh of the labelled set, so all domains, both languages, easy to hard. */
    @State(Scope.Benchmark)
    public static class Questions {
        final List<String> texts = new ArrayList<>();
        final List<TaskProfile> profiles = new ArrayList<>();
        final DeterministicAnalyzer analyzer = new DeterministicAnalyzer();

        @Setup
        public void load() throws IOException {
            ObjectMapper json = new ObjectMapper();
            List<String> lines = new String(BenchSetup.resource("analysis/questions.jsonl"), StandardCharsets.UTF_8)
                    .lines().filter(l -> !l.isBlank()).toList();
            for (int i = 0; i < lines.size() && texts.size() < QUESTIONS; i += 7) {
                texts.add(json.readTree(lines.get(i)).get("text").asText());
            }
            for (String text : texts) {
                profiles.add(analyzer.analyze(text)); // also loads the tokenizer before timing starts
            }
        }
    }

    /** The catalog routed over. */
    @State(Scope.Benchmark)
    public static class Fleet {
        @Param({"15", "200"})
        public int models;

        List<ModelSpec> catalog;
        OfflineRouter router;
        final DelegationEngine engine = new DelegationEngine(QualityModel.PRIOR);

        @Setup
        public void build() {
            List<ModelSpec> builtIn = ModelCatalog.builtIn().all();
            catalog = models == 15 ? builtIn.stream().filter(m -> !NOT_IN_15.contains(m.id())).toList()
                    : synthetic(builtIn, models, new Random(42));
            if (catalog.size() != models) {
                throw new IllegalStateException("expected " + models + " models, built " + catalog.size());
            }
            router = new OfflineRouter(catalog, Preferences.DEFAULT);
        }
    }

    /** Which question comes next, per benchmark thread. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int take() {
            int i = next;
            next = (next + 1) % QUESTIONS;
            return i;
        }
    }

    @Benchmark
    public TaskProfile analyze(Questions questions, Cursor cursor) {
        return questions.analyzer.analyze(questions.texts.get(cursor.take()));
    }

    @Benchmark
    public Routing delegate(Questions questions, Fleet fleet, Cursor cursor) {
        return fleet.engine.route(questions.profiles.get(cursor.take()), fleet.catalog, Preferences.DEFAULT,
                Long.MAX_VALUE, false);
    }

    @Benchmark
    public AskService.RoutedQuestion analyzeAndDelegate(Questions questions, Fleet fleet, Cursor cursor) {
        return fleet.router.route(questions.texts.get(cursor.take()));
    }

    /** The token counter's chunk cache emptied before every question: each word is counted as never seen. */
    @State(Scope.Thread)
    public static class ColdTokenCache {
        @Setup(Level.Invocation)
        public void forget() {
            TokenEstimator.forgetCachedChunks();
        }
    }

    @Benchmark
    public AskService.RoutedQuestion analyzeAndDelegateColdTokenCache(Questions questions, Fleet fleet, Cursor cursor,
                                                                      ColdTokenCache cold) {
        return fleet.router.route(questions.texts.get(cursor.take()));
    }

    /**
     * {@code count} models derived from the built-in ones in turn: each price scaled by 0.25x to 4x
     * (log-uniform) and each domain score moved by up to ±0.15, so that no two models tie and the engine
     * has to compare them all. Seeded: every run routes over the same catalog.
     */
    static List<ModelSpec> synthetic(List<ModelSpec> builtIn, int count, Random random) {
        List<ModelSpec> models = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ModelSpec base = builtIn.get(i % builtIn.size());
            BigDecimal factor = BigDecimal.valueOf(Math.pow(2, -2 + 4 * random.nextDouble()));
            ModelPrice p = base.price();
            ModelPrice price = new ModelPrice(scale(p.inputPerMillion(), factor),
                    p.cachedInputPerMillion() == null ? null : scale(p.cachedInputPerMillion(), factor),
                    scale(p.outputPerMillion(), factor), p.pricedOn());
            Map<Domain, Double> scores = new EnumMap<>(Domain.class);
            for (Domain domain : Domain.values()) {
                double moved = base.capability(domain) + (random.nextDouble() - 0.5) * 0.3;
                scores.put(domain, Math.max(0, Math.min(1, moved)));
            }
            models.add(new ModelSpec(base.id() + "~" + i, base.provider(), base.protocol(), base.apiModel(),
                    base.contextWindow(), base.maxOutput(), price, scores, base.latency(), base.local()));
        }
        return models;
    }

    private static BigDecimal scale(BigDecimal perMillion, BigDecimal factor) {
        return perMillion.multiply(factor).setScale(4, RoundingMode.HALF_UP);
    }
}
