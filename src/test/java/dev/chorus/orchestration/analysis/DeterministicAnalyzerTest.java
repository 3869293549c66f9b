package dev.chorus.orchestration.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.catalog.Domain;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeterministicAnalyzerTest {
    private final DeterministicAnalyzer analyzer =
            new DeterministicAnalyzer(Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC));

    @ParameterizedTest
    @ValueSource(strings = {
            "what's the bitcoin price today?",
            "latest news about the election",
            "какой курс доллара сегодня",
            "что сейчас происходит на бирже",
            "последние новости про Starship",
            "best laptops in 2025",
            "conference schedule for 2026",
            "who is the current CEO of Microsoft",
    })
    void freshQuestions(String question) {
        assertThat(analyzer.analyze(question).needs().freshness()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "who wrote war and peace",
            "sql: как выбрать последние 5 записей для каждого пользователя",
            "справка о доходах за 2023 год",
            "what happened in 1999",
            "version 2025.1.3 of the library",
    })
    void timelessQuestions(String question) {
        assertThat(analyzer.analyze(question).needs().freshness()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "how do I reverse a list in python | en",
            "как дела? | ru",
            "Переведи: How are you doing today, my friend? | ru",
            "translate to english: Ich habe keine Ahnung, wovon du sprichst | en",
            "почему у меня NullPointerException в этом методе? | ru",
            "Вычислить интеграл ∫ x² sin x dx | ru",
            "solve 3x + 7 = 22 | en",
            "Привіт, як справи? Що ти вмієш? | uk",
            "Wie spät ist es heute in Berlin bitte | und",
            "12345 | und",
            "🎉🎉 | und",
    })
    void detectsTheLanguageTheUserWritesIn(String question, String language) {
        assertThat(analyzer.analyze(question).language()).isEqualTo(language);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Explain it step by step",
            "Реши пошагово: 2x + 3 = 7",
            "1. install the package\n2. configure it\n3. run the tests",
            "What is Raft? How does it differ from Paxos?",
            "First parse the file, then sort the rows",
    })
    void multiStepQuestions(String question) {
        assertThat(analyzer.analyze(question).needs().multiStep()).isTrue();
    }

    @Test
    void historyCountsTowardPromptSizeAndLongContext() {
        TaskProfile alone = analyzer.analyze("and in Java?");
        String longTurn = "word ".repeat(9_000);
        TaskProfile withHistory = analyzer.analyze("and in Java?",
                List.of(ChatMessage.user(longTurn), ChatMessage.assistant("ok")));
        assertThat(alone.needs().longContext()).isFalse();
        assertThat(withHistory.needs().promptTokens()).isGreaterThan(alone.needs().promptTokens() + 8_000);
        assertThat(withHistory.needs().longContext()).isTrue();
    }

    @Test
    void privateDataInEarlierTurnsStillCounts() {
        TaskProfile profile = analyzer.analyze("why does it fail?",
                List.of(ChatMessage.user("my key is sk-proj-4fT9xQ2mLk8vR1nB7cYz0wPq")));
        assertThat(profile.needs().privateData()).containsExactly(PrivateData.API_KEY_OR_TOKEN);
    }

    @Test
    void trickyCases() {
        TaskProfile shortProof = analyzer.analyze("Show that every group of order p^2 is abelian");
        assertThat(shortProof.domain()).isEqualTo(Domain.MATH);
        assertThat(shortProof.band()).isEqualTo(TaskProfile.Band.HIGH);

        TaskProfile joke = analyzer.analyze("tell me a joke about programmers");
        assertThat(joke.domain()).isEqualTo(Domain.CREATIVE);
        assertThat(joke.band()).isEqualTo(TaskProfile.Band.LOW);

        TaskProfile copyEdit = analyzer.analyze("Please fix typos only, don't change the wording:\n\n"
                + "Thanks for you're patience, the office move is on friday and boxes will be avaliable from monday. "
                .repeat(12));
        assertThat(copyEdit.domain()).isEqualTo(Domain.WRITING);
        assertThat(copyEdit.band()).isEqualTo(TaskProfile.Band.LOW);

        assertThat(analyzer.analyze("translate 'good morning, how are you' to Spanish").domain())
                .isEqualTo(Domain.TRANSLATION);
    }

    @Test
    void confidenceIsHighOnlyWhenOneDomainClearlyWins() {
        TaskProfile clear = analyzer.analyze("Translate this paragraph into German, please");
        TaskProfile vague = analyzer.analyze("hmm");
        assertThat(clear.confidence()).isGreaterThan(0.7);
        assertThat(vague.confidence()).isLessThan(0.3);
        assertThat(DeterministicAnalyzer.confidence(5, 5)).isLessThan(DeterministicAnalyzer.confidence(5, 1));
        assertThat(clear.source()).isEqualTo(TaskProfile.Source.DETERMINISTIC);
    }

    @Test
    void profileValidatesItsRanges() {
        Needs needs = Needs.of(10, List.of(), false, false);
        assertThatThrownBy(() -> new TaskProfile(Domain.CHAT, 1.2, needs, "en", 0.5, TaskProfile.Source.MODEL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TaskProfile(Domain.CHAT, 0.2, needs, "en", Double.NaN, TaskProfile.Source.MODEL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TaskProfile(Domain.CHAT, 0.2, needs, "english", 0.5, TaskProfile.Source.MODEL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Needs.of(-1, List.of(), false, false)).isInstanceOf(IllegalArgumentException.class);
        assertThat(TaskProfile.Band.of(0.34)).isEqualTo(TaskProfile.Band.LOW);
        assertThat(TaskProfile.Band.of(0.35)).isEqualTo(TaskProfile.Band.MEDIUM);
        assertThat(TaskProfile.Band.of(0.7)).isEqualTo(TaskProfile.Band.HIGH);
        assertThat(new Needs(1, false, List.of(PrivateData.PHONE, PrivateData.EMAIL, PrivateData.PHONE), false, false)
                .privateData()).containsExactly(PrivateData.EMAIL, PrivateData.PHONE);
    }

    @Test
    void multipleChoiceLettersAreLabelsNotWords() {
        String question = "Which property of a mineral can be determined just by looking at it?\n"
                + "(A) luster\n(B) mass\n(C) weight\n(D) hardness";
        assertThat(analyzer.analyze(question).domain()).isEqualTo(Domain.FACTUAL);
        assertThat(Text.withoutOptionLabels("Какой газ тяжелее?\nА) гелий\nБ) азот\nВ) ксенон"))
                .doesNotContain("А)", "Б)", "В)");
        // two letters are not a list of options, and "C" on its own is still the language
        assertThat(Text.withoutOptionLabels("A) then B) done")).isEqualTo("A) then B) done");
        assertThat(analyzer.analyze("how do I free memory in C. it leaks").domain()).isEqualTo(Domain.CODE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "A baker made 48 muffins in the morning and 24 in the afternoon. She sold 52 of them. How many are left?",
            "Tom buys 3 packs of pencils for $2.50 each and sells 20 pencils. How much money does he have now?",
            "У Маши было 15 яблок, она отдала 4 брату и 3 сестре. Сколько яблок у неё осталось?",
    })
    void wordProblemsAreMath(String question) {
        assertThat(analyzer.analyze(question).domain()).isEqualTo(Domain.MATH);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "48 muffins and 24 more | 2",
            "between 1990 and 2020 | 0",
            "gpt-4o and claude-3.5 | 0",
            "version 3.11.2 | 0",
            "$2.50 per pack, 12 each | 2",
            "run 5km in 30 minutes | 2",
    })
    void quantitiesSkipYearsAndNames(String text, int expected) {
        assertThat(DomainScorer.quantities(text, 5)).isEqualTo(expected);
    }
}
