package dev.chorus.orchestration.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The exam-style signals fire on formal problems and stay quiet on everyday uses of the same words. */
class ComplexitySignalsTest {
    private final DeterministicAnalyzer analyzer = new DeterministicAnalyzer();

    @Test
    void texMathIsFormalNotationAndPricesAreNot() {
        for (String tex : List.of("Find $x+1$ if", "Compute $7^{2024}$ mod 10", "If $2x + 5 = 17$, find x",
                "Evaluate \\frac{1}{2}", "a_{n+1} = 2a_n")) {
            assertThat(ComplexityEstimator.formalNotation(tex)).as(tex).isTrue();
        }
        for (String prices : List.of("It costs $5 and the other one $10", "3 яблока по 5$ и 2 груши по 7$",
                "a shirt costs $20-$25", "I paid $120, was that fair?", "$$$ make money fast")) {
            assertThat(ComplexityEstimator.formalNotation(prices)).as(prices).isFalse();
        }
    }

    @Test
    void everydayUsesOfSpecialistAndSearchWordsStayLow() {
        for (String everyday : List.of(
                "Which incline should I set on the treadmill",
                "Are all real estate agents licensed?",
                "I call my mom at least twice a week, is that normal?",
                "My point was conveyed better in the second draft",
                "We are not on the same wavelength",
                "Какой электрический полотенцесушитель выбрать?",
                "My friend Maxim says hi",
                "Is an elimination diet a good idea?",
                "Магнитная полоса на карте не читается, что делать?",
                "Какой крем для эластичности кожи лучше?",
                "Какую индукционную плиту купить?",
                "check the log file for errors in my python script",
                "Can butter be substituted with oil in a cake?",
                "Сколько стоят 3 яблока по 5$ и 2 груши по 7$?")) {
            assertThat(analyzer.analyze(everyday).band()).as(everyday).isEqualTo(TaskProfile.Band.LOW);
        }
    }

    @Test
    void competitionStyleProblemsScoreAboveTheSameArithmeticAskedPlainly() {
        TaskProfile plain = analyzer.analyze("What is 7 squared minus 3?");
        TaskProfile search = analyzer.analyze("Find all integers n such that n squared minus 3 is a perfect square.");
        TaskProfile tex = analyzer.analyze("Find the remainder when $7^{2024}$ is divided by 100.");
        assertThat(search.complexity()).isGreaterThan(plain.complexity() + 0.2);
        assertThat(tex.complexity()).isGreaterThan(plain.complexity() + 0.2);
    }
}
