package dev.chorus.orchestration.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.orchestration.delegation.DelegationEngine;
import dev.chorus.orchestration.delegation.Preferences;
import dev.chorus.orchestration.delegation.QualityModel;
import dev.chorus.orchestration.delegation.Routing;
import dev.chorus.provider.catalog.ModelSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Learning against a hidden truth: it must rank held-out questions by need for the strong model
 * better than the prior does, and, rating what it routes, come to send each kind to the model of best
 * value (the cheaper one where it is good enough, the strong one where it is not).
 */
class LearningSimulationTest {
    @Test
    void ratingsOfHalfTheQuestionsRankTheOtherHalfBetterThanThePrior() {
        RatingSimulator world = new RatingSimulator(7);
        List<RatingSimulator.Question> train = world.questions(500);
        List<RatingSimulator.Question> test = world.questions(400);
        double prior = apgr(test, QualityModel.PRIOR);

        RatingSimulator.Log log = new RatingSimulator.Log();
        for (RatingSimulator.Question q : train) {
            for (ModelSpec m : RatingSimulator.MODELS) {
                log.add(m.id(), q.text(), world.rate(q, m));
            }
        }
        LearnedQuality learned = new LearnedQuality(world::profile, RatingSimulator.MODELS, log,
                QualitySnapshots.NONE).start();
        double after = apgr(test, learned);

        // the best any ranking can do here: by the true gap
        double oracle = RatingSimulator.apgr(test, test.stream().mapToDouble(q -> q.kind().strong() - q.kind().weak())
                .toArray());
        assertThat(after).as("APGR after learning (prior %.3f, oracle %.3f)", prior, oracle)
                .isGreaterThan(prior + 0.1)
                .isGreaterThan(0.5 + 0.85 * (oracle - 0.5));
    }

    @Test
    void whereTheWordsSayLittleAndThePriorRanksWellLearningDoesNotSpoilIt() {
        RatingSimulator world = new RatingSimulator(5, RatingSimulator.WORD_PROBLEMS);
        List<RatingSimulator.Question> train = world.questions(500);
        List<RatingSimulator.Question> test = world.questions(400);
        double prior = apgr(test, QualityModel.PRIOR);
        RatingSimulator.Log log = new RatingSimulator.Log();
        for (RatingSimulator.Question q : train) {
            for (ModelSpec m : RatingSimulator.MODELS) {
                log.add(m.id(), q.text(), world.rate(q, m));
            }
        }
        double after = apgr(test, new LearnedQuality(world::profile, RatingSimulator.MODELS, log,
                QualitySnapshots.NONE).start());
        double oracle = RatingSimulator.apgr(test, test.stream().mapToDouble(q -> q.kind().strong() - q.kind().weak())
                .toArray());
        System.out.printf("word problems: prior %.3f, learned %.3f, oracle %.3f%n", prior, after, oracle);
        assertThat(after).as("APGR after learning (prior %.3f, oracle %.3f)", prior, oracle).isGreaterThan(prior - 0.01);
    }

    @Test
    void routingWhatItLearnsSendsEachKindToItsBestValueModel() {
        RatingSimulator world = new RatingSimulator(11);
        RatingSimulator.Log log = new RatingSimulator.Log();
        LearnedQuality learned = new LearnedQuality(world::profile, RatingSimulator.MODELS, log,
                QualitySnapshots.NONE).start();
        DelegationEngine engine = new DelegationEngine(learned, 1_000, true);
        for (int i = 0; i < 600; i++) {
            RatingSimulator.Question q = world.question();
            ModelSpec chosen = chosen(engine, q);
            log.add(chosen.id(), q.text(), world.rate(q, chosen));
            learned.catchUp();
        }
        // what it learned, judged apart from the few questions it still spends on trying a model
        DelegationEngine decided = new DelegationEngine(learned, 1_000, false);
        Map<String, int[]> byKind = new HashMap<>(); // best-value picks, all
        int tried = 0;
        List<RatingSimulator.Question> later = world.questions(400);
        for (RatingSimulator.Question q : later) {
            ModelSpec best = q.kind().weak() >= 0.7 ? RatingSimulator.WEAK : RatingSimulator.STRONG;
            int[] counts = byKind.computeIfAbsent(q.kind().name(), k -> new int[2]);
            counts[0] += chosen(decided, q).equals(best) ? 1 : 0;
            counts[1]++;
            tried += chosen(engine, q).equals(chosen(decided, q)) ? 0 : 1;
        }
        assertThat((double) tried / later.size()).as("share of questions still spent on trying").isLessThan(0.1);
        Map<String, Double> shares = new java.util.TreeMap<>();
        byKind.forEach((kind, counts) -> shares.put(kind, (double) counts[0] / counts[1]));
        assertThat(shares.values()).as("share of each kind sent to its best-value model: %s", shares)
                .allMatch(share -> share > 0.8);
    }

    private static ModelSpec chosen(DelegationEngine engine, RatingSimulator.Question q) {
        Routing routing = engine.route(q.profile(), q.text(), RatingSimulator.MODELS, Preferences.DEFAULT,
                Long.MAX_VALUE, false);
        return ((Routing.Routed) routing).decision().chosen();
    }

    static double apgr(List<RatingSimulator.Question> questions, QualityModel quality) {
        double[] need = new double[questions.size()];
        for (int i = 0; i < need.length; i++) {
            RatingSimulator.Question q = questions.get(i);
            QualityModel.Assessment a = quality.assess(q.profile(), q.text());
            need[i] = a.expected(RatingSimulator.STRONG) - a.expected(RatingSimulator.WEAK);
        }
        return RatingSimulator.apgr(questions, need);
    }
}
