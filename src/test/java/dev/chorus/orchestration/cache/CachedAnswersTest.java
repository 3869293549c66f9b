package dev.chorus.orchestration.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.orchestration.analysis.DeterministicAnalyzer;
import dev.chorus.store.Database;
import dev.chorus.store.JdbiAnswerCache;
import dev.chorus.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact answer cache over real SQLite: what counts as the same question, per chat, a day long, kept across a restart. */
class CachedAnswersTest {
    @TempDir
    Path dir;

    @Test
    void theSameQuestionInOtherCaseSpacingOrEndPunctuationIsFoundInItsChatOnlyAndForADay() {
        TestClock clock = new TestClock(Instant.parse("2026-12-03T10:00:00Z"));
        try (Database db = Database.open(dir.resolve("c.db"))) {
            CachedAnswers cache = new CachedAnswers(new JdbiAnswerCache(db), clock);
            cache.put(1, "What is Rust?", "A language.", "gpt-4o-mini", 120);
            assertThat(cache.find(1, "what is   RUST")).hasValueSatisfying(e -> {
                assertThat(e.answer()).isEqualTo("A language.");
                assertThat(e.costMicros()).isEqualTo(120);
            });
            assertThat(cache.find(1, "What is Rust?!")).isPresent();
            assertThat(cache.find(1, "What is Go?")).isEmpty();
            assertThat(cache.find(2, "What is Rust?")).as("another chat").isEmpty();
            assertThat(new CachedAnswers(new JdbiAnswerCache(db), clock).find(1, "What is Rust?"))
                    .as("kept in the store: a restart serves it").isPresent();
            clock.advance(Duration.ofHours(25));
            assertThat(cache.find(1, "What is Rust?")).as("older than a day").isEmpty();
        }
    }

    @Test
    void questionsAboutTheTimeWithPrivateDataOrFollowingUpAreNeverCached() {
        DeterministicAnalyzer analyzer = new DeterministicAnalyzer();
        assertThat(CachedAnswers.cacheable(analyzer.analyze("What is a monad?", List.of()), false)).isTrue();
        assertThat(CachedAnswers.cacheable(analyzer.analyze("What is a monad?", List.of()), true)).isFalse();
        assertThat(CachedAnswers.cacheable(analyzer.analyze("What is the bitcoin price today?", List.of()), false))
                .isFalse();
        assertThat(CachedAnswers.cacheable(analyzer.analyze("My card is 4111 1111 1111 1111, is it valid?", List.of()),
                false)).isFalse();
    }
}
