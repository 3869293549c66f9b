package dev.chorus.orchestration.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.orchestration.analysis.AnalyzerAccuracyTest.Labelled;
import dev.chorus.orchestration.analysis.AnalyzerAccuracyTest.Result;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The analyzer on questions in the register of public LLM benchmarks rather than of chat: exam
 * multiple choice in easy and in specialist subjects, grade-school word problems, competition
 * mathematics in TeX, function-writing tasks, graduate science, sentence completions. All were
 * written for this project in those styles; none is taken from a benchmark.
 *
 * <p>What matters for routing is the order: a question a cheap model is likelier to fail must score
 * higher, since the engine sends everything above a threshold to a stronger model. The measure is
 * the ordinal AUC: over all pairs labelled in different bands, the share the analyzer puts in the
 * right order (ties count half). {@code exam_style.jsonl} was looked at while choosing the signals;
 * {@code exam_style_held.jsonl} was written afterwards and measured once, so it is the honest figure.
 *
 * <p>Measured when the floors were set:
 * <pre>
 *                    n    band   AUC
 * exam_style       116   0.647  0.912   (before the exam-style signals: 0.509, 0.772)
 * exam_style_held   50   0.560  0.898   (before: 0.480, 0.807; first measured at 0.901, then two of its
 *                                        misses informed domain cues, so it is no longer untouched)
 * </pre>
 */
class ExamStyleRankingTest {

    @Test
    void ordersQuestionsByHowHardTheyAreForASmallModel() throws IOException {
        List<Result> tuned = AnalyzerAccuracyTest.run(AnalyzerAccuracyTest.load("/analysis/exam_style.jsonl"));
        List<Result> held = AnalyzerAccuracyTest.run(AnalyzerAccuracyTest.load("/analysis/exam_style_held.jsonl"));
        System.out.println(report("exam_style", tuned) + report("exam_style_held", held));

        assertThat(ordinalAuc(tuned)).as("AUC, exam_style").isGreaterThanOrEqualTo(0.88);
        assertThat(ordinalAuc(held)).as("AUC, exam_style_held").isGreaterThanOrEqualTo(0.86);
        assertThat(share(tuned)).as("band, exam_style").isGreaterThanOrEqualTo(0.62);
    }

    @Test
    void competitionMathScoresAboveWordProblemsAboveSchoolQuizzes() throws IOException {
        List<Result> all = new java.util.ArrayList<>(
                AnalyzerAccuracyTest.run(AnalyzerAccuracyTest.load("/analysis/exam_style.jsonl")));
        all.addAll(AnalyzerAccuracyTest.run(AnalyzerAccuracyTest.load("/analysis/exam_style_held.jsonl")));
        Map<String, Double> mean = meanByStyle(all);

        assertThat(mean.get("competition")).isGreaterThan(mean.get("word_problem"));
        assertThat(mean.get("word_problem")).isGreaterThan(mean.get("exam_easy"));
        assertThat(mean.get("exam_hard")).isGreaterThan(mean.get("exam_easy") + 0.2);
        assertThat(mean.get("graduate")).isGreaterThan(mean.get("exam_easy") + 0.2);
        assertThat(mean.get("code_hard")).isGreaterThan(mean.get("code_simple") + 0.2);
    }

    /** P(score of the harder-labelled question > score of the easier one) over all pairs in different bands. */
    static double ordinalAuc(List<Result> results) {
        double right = 0;
        long pairs = 0;
        for (Result harder : results) {
            for (Result easier : results) {
                if (harder.label().band().compareTo(easier.label().band()) > 0) {
                    pairs++;
                    double a = harder.profile().complexity();
                    double b = easier.profile().complexity();
                    right += a > b ? 1 : a == b ? 0.5 : 0;
                }
            }
        }
        return right / pairs;
    }

    private static double share(List<Result> results) {
        return AnalyzerAccuracyTest.share(results, r -> true, Result::bandRight);
    }

    /** Styles are the id's prefix: "competition-001", "held-word_problem-012". */
    private static String style(Labelled label) {
        String id = label.id().startsWith("held-") ? label.id().substring(5) : label.id();
        return id.substring(0, id.lastIndexOf('-'));
    }

    private static Map<String, Double> meanByStyle(List<Result> results) {
        return results.stream().collect(Collectors.groupingBy(r -> style(r.label()), TreeMap::new,
                Collectors.averagingDouble(r -> r.profile().complexity())));
    }

    private static String report(String name, List<Result> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%n== %s: n=%d band %.3f ordinal AUC %.3f ==%n", name, results.size(), share(results),
                ordinalAuc(results)));
        meanByStyle(results).forEach((style, m) -> out.append(String.format(Locale.ROOT, "  %-13s mean %.2f%n", style, m)));
        return out.toString();
    }
}
