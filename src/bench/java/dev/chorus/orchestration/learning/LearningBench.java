package dev.chorus.orchestration.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.orchestration.analysis.DeterministicAnalyzer;
import dev.chorus.orchestration.analysis.TaskProfile;
import dev.chorus.orchestration.delegation.DelegationEngine;
import dev.chorus.orchestration.delegation.Preferences;
import dev.chorus.orchestration.delegation.QualityModel;
import dev.chorus.orchestration.delegation.Routing;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.catalog.ModelSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The figures of learning, printed (docs/benchmarks.md records them):
 * <ol>
 *   <li>the prior's ranking of questions by need for the stronger model against a rule that sends longer
 *       questions first, on the project's benchmark-style sets (open-ended requests, word problems,
 *       multiple choice across subjects; labelled low / medium / high need when written);</li>
 *   <li>in the simulator (hidden true quality per kind of question and model), APGR before and after
 *       100, 1,000 and 10,000 ratings of both models, and the share of questions the cheap model keeps
 *       at 95% of the strong model's quality;</li>
 *   <li>routing what it rates itself (exploration on), the regret against the best-value choice after
 *       100, 1,000 and 10,000 rated answers.</li>
 * </ol>
 * {@code mvn -Pbench -DskipTests test-compile exec:exec@learning}
 */
public final class LearningBench {
    private static final int SEEDS = 5;
    private static final int HELD_OUT = 1_000;

    private LearningBench() {
    }

    public static void main(String[] args) throws IOException {
        priorAgainstLength();
        simulatedApgr();
        onlineRegret();
    }

    // ---- 1. prior against the length rule on the project's sets

    private static void priorAgainstLength() throws IOException {
        ModelCatalog catalog = ModelCatalog.builtIn();
        ModelSpec strong = catalog.find("gpt-4o").orElseThrow();
        ModelSpec weak = catalog.find("gpt-4o-mini").orElseThrow();
        DeterministicAnalyzer analyzer = new DeterministicAnalyzer();
        Map<String, Set<String>> families = new LinkedHashMap<>();
        families.put("open-ended", Set.of("open_ended", "commonsense", "code_simple", "code_hard"));
        families.put("word problems", Set.of("word_problem", "competition"));
        families.put("multiple choice", Set.of("exam_easy", "exam_hard", "exam_ru", "graduate"));
        List<JsonNode> all = new ArrayList<>(lines("/analysis/exam_style.jsonl"));
        all.addAll(lines("/analysis/exam_style_held.jsonl"));
        System.out.println("== prior vs length rule (project sets; gap: low 0, medium 0.5, high 1)");
        System.out.println("family            n   APGR prior  APGR length  cheap kept@95% prior  length  oracle");
        for (Map.Entry<String, Set<String>> f : families.entrySet()) {
            List<JsonNode> set = all.stream().filter(n -> f.getValue().contains(n.get("style").asText())).toList();
            double[] gap = new double[set.size()];
            double[] prior = new double[set.size()];
            double[] length = new double[set.size()];
            double[] complexity = new double[set.size()];
            double[] weakOnly = new double[set.size()];
            for (int i = 0; i < gap.length; i++) {
                String text = set.get(i).get("text").asText();
                gap[i] = switch (set.get(i).get("complexity").asText()) {
                    case "high" -> 1.0;
                    case "medium" -> 0.5;
                    default -> 0.0;
                };
                TaskProfile p = analyzer.analyze(text, List.of());
                QualityModel.Assessment a = QualityModel.PRIOR.assess(p, text);
                prior[i] = a.expected(strong) - a.expected(weak);
                length[i] = text.length();
                complexity[i] = p.complexity();
                weakOnly[i] = -a.expected(weak);
            }
            System.out.printf(Locale.ROOT, "%-15s %4d   %.3f       %.3f        %5.1f%%              %5.1f%%  %5.1f%%%n",
                    f.getKey(), set.size(), apgr(gap, prior), apgr(gap, length), 100 * keptAt95(gap, prior),
                    100 * keptAt95(gap, length), 100 * keptAt95(gap, gap));
            System.out.printf(Locale.ROOT, "   (complexity alone %.3f, the cheap model's expected quality alone %.3f)%n",
                    apgr(gap, complexity), apgr(gap, weakOnly));
        }
        System.out.println();
    }

    // ---- 2. APGR in the simulator, before and after ratings of both models

    private static void simulatedApgr() {
        System.out.println("== simulator: learned expected quality ranks held-out questions (" + SEEDS + " seeds, "
                + HELD_OUT + " held out each)");
        System.out.println("ratings   APGR prior  APGR learned  APGR oracle  cheap kept@95% prior  learned  oracle");
        for (int ratings : new int[] {100, 1_000, 10_000}) {
            double[] sums = new double[6];
            for (int seed = 1; seed <= SEEDS; seed++) {
                RatingSimulator world = new RatingSimulator(seed);
                List<RatingSimulator.Question> train = world.questions(ratings / 2);
                List<RatingSimulator.Question> test = world.questions(HELD_OUT);
                RatingSimulator.Log log = new RatingSimulator.Log();
                for (RatingSimulator.Question q : train) {
                    for (ModelSpec m : RatingSimulator.MODELS) {
                        log.add(m.id(), q.text(), world.rate(q, m));
                    }
                }
                LearnedQuality learned = new LearnedQuality(world::profile, RatingSimulator.MODELS, log,
                        QualitySnapshots.NONE).start();
                double[] gap = test.stream().mapToDouble(q -> q.kind().strong() - q.kind().weak()).toArray();
                double[] weakQ = test.stream().mapToDouble(q -> q.kind().weak()).toArray();
                double[] strongQ = test.stream().mapToDouble(q -> q.kind().strong()).toArray();
                double[] prior = need(test, QualityModel.PRIOR);
                double[] after = need(test, learned);
                sums[0] += apgr(gap, prior);
                sums[1] += apgr(gap, after);
                sums[2] += apgr(gap, gap);
                sums[3] += keptAt95(weakQ, strongQ, prior);
                sums[4] += keptAt95(weakQ, strongQ, after);
                sums[5] += keptAt95(weakQ, strongQ, gap);
            }
            System.out.printf(Locale.ROOT, "%6d    %.3f       %.3f         %.3f        %5.1f%%              %5.1f%%   %5.1f%%%n",
                    ratings, sums[0] / SEEDS, sums[1] / SEEDS, sums[2] / SEEDS, 100 * sums[3] / SEEDS,
                    100 * sums[4] / SEEDS, 100 * sums[5] / SEEDS);
        }
        System.out.println();
    }

    private static double[] need(List<RatingSimulator.Question> questions, QualityModel quality) {
        double[] need = new double[questions.size()];
        for (int i = 0; i < need.length; i++) {
            RatingSimulator.Question q = questions.get(i);
            QualityModel.Assessment a = quality.assess(q.profile(), q.text());
            need[i] = a.expected(RatingSimulator.STRONG) - a.expected(RatingSimulator.WEAK);
        }
        return need;
    }

    // ---- 3. online: routing what it learns from its own rated answers

    private static void onlineRegret() {
        System.out.println("== simulator, online: the bot routes (exploring), people rate what they get (" + SEEDS
                + " seeds; judged on " + HELD_OUT + " fresh questions without exploration)");
        System.out.println("rated answers  best-value share  quality regret  overspend share  explored share");
        int[] checkpoints = {0, 100, 1_000, 10_000};
        double[][] sums = new double[checkpoints.length][4];
        for (int seed = 1; seed <= SEEDS; seed++) {
            RatingSimulator world = new RatingSimulator(100 + seed);
            RatingSimulator.Log log = new RatingSimulator.Log();
            LearnedQuality learned = new LearnedQuality(world::profile, RatingSimulator.MODELS, log,
                    QualitySnapshots.NONE).start();
            DelegationEngine exploring = new DelegationEngine(learned, 1_000, true);
            DelegationEngine deciding = new DelegationEngine(learned, 1_000, false);
            List<RatingSimulator.Question> judge = world.questions(HELD_OUT);
            int rated = 0;
            int explored = 0;
            for (int c = 0; c < checkpoints.length; c++) {
                int window = 0;
                int windowExplored = 0;
                while (rated < checkpoints[c]) {
                    RatingSimulator.Question q = world.question();
                    ModelSpec chosen = chosen(exploring, q);
                    windowExplored += chosen.equals(chosen(deciding, q)) ? 0 : 1;
                    window++;
                    log.add(chosen.id(), q.text(), world.rate(q, chosen));
                    learned.catchUp();
                    rated++;
                }
                explored = windowExplored;
                double best = 0;
                double regret = 0;
                double overspend = 0;
                for (RatingSimulator.Question q : judge) {
                    ModelSpec value = q.kind().weak() >= 0.7 ? RatingSimulator.WEAK : RatingSimulator.STRONG;
                    ModelSpec chosen = chosen(deciding, q);
                    best += chosen.equals(value) ? 1 : 0;
                    regret += Math.max(0, q.kind().truth(value) - q.kind().truth(chosen));
                    overspend += chosen.equals(RatingSimulator.STRONG) && value.equals(RatingSimulator.WEAK) ? 1 : 0;
                }
                sums[c][0] += best / judge.size();
                sums[c][1] += regret / judge.size();
                sums[c][2] += overspend / judge.size();
                sums[c][3] += window == 0 ? 0 : (double) explored / window;
            }
        }
        for (int c = 0; c < checkpoints.length; c++) {
            System.out.printf(Locale.ROOT, "%8d       %6.1f%%           %.3f           %5.1f%%           %5.1f%%%n",
                    checkpoints[c], 100 * sums[c][0] / SEEDS, sums[c][1] / SEEDS, 100 * sums[c][2] / SEEDS,
                    100 * sums[c][3] / SEEDS);
        }
    }

    private static ModelSpec chosen(DelegationEngine engine, RatingSimulator.Question q) {
        return ((Routing.Routed) engine.route(q.profile(), q.text(), RatingSimulator.MODELS, Preferences.DEFAULT,
                Long.MAX_VALUE, false)).decision().chosen();
    }

    // ---- measures

    /** APGR: mean share of the total gap recovered, over every number of questions sent strong, highest need first. */
    static double apgr(double[] gap, double[] need) {
        Integer[] order = order(need);
        double total = Arrays.stream(gap).sum();
        double recovered = 0;
        double area = 0;
        int i = 0;
        while (i < order.length) {
            // questions of equal need are taken in no particular order: the gap of the group is recovered evenly
            int j = i;
            double group = 0;
            while (j < order.length && need[order[j]] == need[order[i]]) {
                group += gap[order[j++]];
            }
            int size = j - i;
            for (int k = 1; k <= size; k++) {
                area += (recovered + group * k / size) / total;
            }
            recovered += group;
            i = j;
        }
        return area / gap.length;
    }

    /** With weak quality 1 - gap and strong 1: the largest share left to the cheap model at 95% of strong quality. */
    static double keptAt95(double[] gap, double[] need) {
        double[] weak = Arrays.stream(gap).map(g -> 1 - g).toArray();
        double[] strong = Arrays.stream(gap).map(g -> 1.0).toArray();
        return keptAt95(weak, strong, need);
    }

    static double keptAt95(double[] weak, double[] strong, double[] need) {
        Integer[] order = order(need);
        double target = 0.95 * Arrays.stream(strong).sum();
        double quality = Arrays.stream(weak).sum();
        double sent = 0;
        int i = 0;
        while (quality < target && i < order.length) {
            int j = i;
            double group = 0;
            while (j < order.length && need[order[j]] == need[order[i]]) {
                group += strong[order[j]] - weak[order[j]];
                j++;
            }
            if (quality + group >= target && group > 0) {
                // within a tie, the share of it that reaches the target, on average
                sent += (j - i) * (target - quality) / group;
                quality = target;
            } else {
                sent += j - i;
                quality += group;
            }
            i = j;
        }
        return (order.length - sent) / order.length;
    }

    private static Integer[] order(double[] need) {
        Integer[] order = new Integer[need.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(need[b], need[a]));
        return order;
    }

    private static List<JsonNode> lines(String resource) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = LearningBench.class.getResourceAsStream(resource)) {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                if (!line.isBlank()) {
                    nodes.add(json.readTree(line));
                }
            }
            return nodes;
        }
    }
}
