package dev.chorus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.orchestration.analysis.DeterministicAnalyzer;
import dev.chorus.orchestration.analysis.TaskProfile;
import dev.chorus.orchestration.delegation.DelegationEngine;
import dev.chorus.orchestration.delegation.Preferences;
import dev.chorus.orchestration.delegation.Routing;
import dev.chorus.orchestration.learning.LearnedQuality;
import dev.chorus.orchestration.learning.QualitySnapshots;
import dev.chorus.orchestration.learning.RatingEvent;
import dev.chorus.orchestration.learning.RatingEvents;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.catalog.ModelSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Routing with what was learned from ratings: the delegation engine over 200 models whose expected
 * quality comes from {@link LearnedQuality} holding 0 or 100,000 ratings, on ready profiles
 * ({@link #delegate}: featurising the question and the kernel over every rated model included) and
 * with the analysis ({@link #analyzeAndDelegate}). The ratings are of the 360 labelled questions, each
 * with a few words of its own so the vocabulary grows as it does in a real log, spread over all 200
 * models. Target: p99 under 1 ms. {@code bin/bench LearnedRouting}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LearnedRoutingBenchmark {
    static final int MODELS = 200;
    static final int QUESTIONS = RoutingBenchmark.QUESTIONS; // the shared cursor goes round this many
    private static final String[] NONCE = {"alpha", "brisk", "cobalt", "delta", "ember", "fjord", "gala", "harbor",
            "ivory", "jasper", "kelp", "lumen", "mosaic", "nectar", "onyx", "prism", "quartz", "raven", "saffron",
            "tundra", "umber", "velvet", "willow", "xenon", "yarrow", "zephyr"};

    @State(Scope.Benchmark)
    public static class Learned {
        @Param({"0", "100000"})
        public int ratings;

        final DeterministicAnalyzer analyzer = new DeterministicAnalyzer();
        final List<String> texts = new ArrayList<>();
        final List<TaskProfile> profiles = new ArrayList<>();
        List<ModelSpec> catalog;
        LearnedQuality quality;
        DelegationEngine engine;

        @Setup
        public void build() throws IOException {
            catalog = RoutingBenchmark.synthetic(ModelCatalog.builtIn().all(), MODELS, new Random(42));
            ObjectMapper json = new ObjectMapper();
            List<String> labelled = new ArrayList<>();
            for (String line : new String(BenchSetup.resource("analysis/questions.jsonl"), StandardCharsets.UTF_8)
                    .lines().filter(l -> !l.isBlank()).toList()) {
                labelled.add(json.readTree(line).get("text").asText());
            }
            Random random = new Random(7);
            List<RatingEvent> log = new ArrayList<>(ratings);
            Instant at = Instant.parse("2026-06-01T00:00:00Z");
            for (int i = 0; i < ratings; i++) {
                String text = labelled.get(random.nextInt(labelled.size())) + " " + NONCE[random.nextInt(NONCE.length)]
                        + random.nextInt(500) + " " + NONCE[random.nextInt(NONCE.length)];
                String model = catalog.get(random.nextInt(MODELS)).id();
                log.add(new RatingEvent(i + 1, at.plusSeconds(i), List.of(model), text, 1 + random.nextInt(5), -1, null));
            }
            RatingEvents events = (after, limit) -> List.copyOf(log.subList((int) Math.min(after, log.size()),
                    (int) Math.min(log.size(), after + limit)));
            long started = System.nanoTime();
            quality = new LearnedQuality(text -> analyzer.analyze(text, List.of()), catalog, events,
                    QualitySnapshots.NONE).start();
            System.out.printf("[bench] learned %d ratings in %.1f s%n", ratings, (System.nanoTime() - started) / 1e9);
            engine = new DelegationEngine(quality, 4_096);
            for (int i = 0; i < labelled.size() && texts.size() < QUESTIONS; i += 7) {
                texts.add(labelled.get(i));
                profiles.add(analyzer.analyze(labelled.get(i), List.of()));
            }
        }
    }

    @Benchmark
    public Routing delegate(Learned learned, RoutingBenchmark.Cursor cursor) {
        int i = cursor.take();
        return learned.engine.route(learned.profiles.get(i), learned.texts.get(i), learned.catalog, Preferences.DEFAULT,
                Long.MAX_VALUE, false);
    }

    @Benchmark
    public Routing analyzeAndDelegate(Learned learned, RoutingBenchmark.Cursor cursor) {
        String text = learned.texts.get(cursor.take());
        return learned.engine.route(learned.analyzer.analyze(text, List.of()), text, learned.catalog,
                Preferences.DEFAULT, Long.MAX_VALUE, false);
    }
}
