package dev.chorus.orchestration.cache;

import dev.chorus.testing.StoreKind;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.orchestration.analysis.DeterministicAnalyzer;
import dev.chorus.provider.ProviderException;
import dev.chorus.provider.embedding.Embedder;
import dev.chorus.provider.embedding.LocalMiniLm;
import dev.chorus.store.Database;
import dev.chorus.store.JdbiAnswerCache;
import dev.chorus.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer cache over a real database (SQLite and PostgreSQL) and the real sentence model: what
 * counts as the same question, in which scope, how long.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class CachedAnswersTest {
    @Parameter
    StoreKind kind;

    private static Embedder model;
    private final TestClock clock = new TestClock(Instant.parse("2026-12-03T10:00:00Z"));

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        model = new LocalMiniLm();
    }

    private CachedAnswers semantic(Database db) {
        return new CachedAnswers(new JdbiAnswerCache(db, clock), clock, Optional.of(model), 0.84);
    }

    @Test
    void theSameQuestionInOtherCaseSpacingOrEndPunctuationIsFoundInItsScopeOnlyAndForADay() {
        try (Database db = kind.open(dir.resolve("c.db"))) {
            CachedAnswers cache = new CachedAnswers(new JdbiAnswerCache(db, clock), clock);
            cache.put("chat:1", "What is Rust?", "en", "A language.", "gpt-4o-mini", 120);
            assertThat(cache.find("chat:1", "what is   RUST", "en")).hasValueSatisfying(hit -> {
                assertThat(hit.entry().answer()).isEqualTo("A language.");
                assertThat(hit.entry().costMicros()).isEqualTo(120);
                assertThat(hit.match()).isEqualTo(CachedAnswers.Match.EXACT);
            });
            assertThat(cache.find("chat:1", "What is Rust?!", "en")).isPresent();
            assertThat(cache.find("chat:1", "What is Go?", "en")).isEmpty();
            assertThat(cache.find("chat:2", "What is Rust?", "en")).as("another chat").isEmpty();
            assertThat(new CachedAnswers(new JdbiAnswerCache(db, clock), clock).find("chat:1", "What is Rust?", "en"))
                    .as("kept in the store: a restart serves it").isPresent();
            clock.advance(Duration.ofHours(25));
            assertThat(cache.find("chat:1", "What is Rust?", "en")).as("older than a day").isEmpty();
        }
    }

    @Test
    void aRewordedQuestionIsServedWithHowAlikeItIsAndAfterARestartToo() {
        try (Database db = kind.open(dir.resolve("c.db"))) {
            CachedAnswers cache = semantic(db);
            cache.put("chat:1", "How do I reverse a list in Python?", "en", "Use reversed().", "gpt-4o-mini", 300);
            Optional<CachedAnswers.Hit> hit = cache.find("chat:1", "What's the way to reverse a Python list?", "en");
            assertThat(hit).hasValueSatisfying(h -> {
                assertThat(h.match()).isEqualTo(CachedAnswers.Match.SIMILAR);
                assertThat(h.similarity()).isBetween(0.84, 1.0);
                assertThat(h.entry().question()).isEqualTo("How do I reverse a list in Python?");
            });
            assertThat(semantic(db).find("chat:1", "python: how to reverse a list", "en"))
                    .as("the index is rebuilt from the store").isPresent();
            assertThat(cache.find("chat:1", "How do I sort a list in Python?", "en")).isEmpty();
            assertThat(cache.find("chat:2", "What's the way to reverse a Python list?", "en")).isEmpty();
        }
    }

    @Test
    void closeQuestionsWithOtherNamesNumbersOrANegationAreNotServed() {
        try (Database db = kind.open(dir.resolve("c.db"))) {
            CachedAnswers cache = semantic(db);
            cache.put("chat:1", "What is the capital of France?", "en", "Paris.", "m", 10);
            cache.put("chat:1", "Convert 5 miles to km", "en", "8.05 km.", "m", 10);
            cache.put("chat:1", "Which foods are safe for dogs?", "en", "Carrots…", "m", 10);
            assertThat(cache.find("chat:1", "What is the capital of Germany?", "en")).isEmpty();
            assertThat(cache.find("chat:1", "Tell me the capital of France", "en")).isPresent();
            assertThat(cache.find("chat:1", "Convert 50 miles to km", "en")).isEmpty();
            assertThat(cache.find("chat:1", "Which foods are not safe for dogs?", "en")).isEmpty();
            cache.put("chat:1", "How long should I boil an egg for a hard-boiled egg?", "en", "10 min.", "m", 10);
            assertThat(cache.find("chat:1", "How long should I boil an egg for a soft-boiled egg?", "en"))
                    .as("one word for another that does not mean the same").isEmpty();
            assertThat(cache.find("chat:1", "How long do I boil an egg to get it hard-boiled?", "en"))
                    .isPresent();
            cache.put("chat:1", "How tall is the Eiffel Tower?", "en", "330 m.", "m", 10);
            assertThat(cache.find("chat:1", "eiffel tower height", "en")).as("one word for another that means the same")
                    .isPresent();
        }
    }

    @Test
    void symbolsThatChangeTheAnswerKeepQuestionsApart() {
        assertThat(CachedAnswers.key("What is (2 + 3) * 4?")).isNotEqualTo(CachedAnswers.key("What is 2 + 3 * 4?"));
        assertThat(CachedAnswers.key("what is -5 + 3")).isNotEqualTo(CachedAnswers.key("what is 5 + 3"));
        assertThat(CachedAnswers.key("what is 10! / 8!")).isNotEqualTo(CachedAnswers.key("what is 10 / 8"));
        assertThat(CachedAnswers.key("Is 0.5 > .5?")).isNotEqualTo(CachedAnswers.key("Is 0.5 > 5?"));
        assertThat(CachedAnswers.key("Is 3:30 too late?")).isNotEqualTo(CachedAnswers.key("Is 3 30 too late?"));
        assertThat(CachedAnswers.key("What's Rust, then?!")).isEqualTo(CachedAnswers.key("whats rust then"));
        try (Database db = kind.open(dir.resolve("c.db"))) {
            CachedAnswers cache = new CachedAnswers(new JdbiAnswerCache(db, clock), clock);
            cache.put("chat:1", "what is 5 - 3", "en", "2", "m", 10);
            assertThat(cache.find("chat:1", "what is 5 3", "en")).as("same key, another sign").isEmpty();
        }
    }

    @Test
    void aLongPasteIsMatchedWordForWordOnly() {
        try (Database db = kind.open(dir.resolve("c.db"))) {
            CachedAnswers cache = semantic(db);
            String paste = "Please review this log: " + "ERROR connection refused at line 42. ".repeat(40);
            cache.put("chat:1", paste, "en", "The server is down.", "m", 10);
            assertThat(cache.find("chat:1", paste, "en")).isPresent();
            assertThat(cache.find("chat:1", paste.replace("Please review", "Review"), "en")).isEmpty();
        }
    }

    @Test
    void aLanguageTheModelDoesNotKnowIsMatchedWordForWordOnly() {
        try (Database db = kind.open(dir.resolve("c.db"))) {
            CachedAnswers cache = semantic(db);
            cache.put("chat:1", "Как развернуть список в Python?", "ru", "reversed().", "m", 10);
            assertThat(cache.find("chat:1", "как развернуть список в python", "ru")).isPresent();
            assertThat(cache.find("chat:1", "Как перевернуть список в Python?", "ru")).isEmpty();
        }
    }

    @Test
    void aSentenceModelThatFailsOnlyMisses() {
        Embedder broken = new Embedder() {
            @Override
            public float[] embed(String text) {
                throw new ProviderException("embeddings answered HTTP 503");
            }

            @Override
            public String name() {
                return "broken";
            }

            @Override
            public boolean understands(String language) {
                return true;
            }
        };
        try (Database db = kind.open(dir.resolve("c.db"))) {
            CachedAnswers cache = new CachedAnswers(new JdbiAnswerCache(db, clock), clock, Optional.of(broken), 0.86);
            cache.put("chat:1", "What is Rust?", "en", "A language.", "m", 10);
            assertThat(cache.find("chat:1", "Tell me what Rust is", "en")).isEmpty();
            assertThat(cache.find("chat:1", "what is rust", "en")).isPresent();
        }
    }

    @Test
    void groupMembersKeepTheirOwnAnswersUntilTheGroupShares() {
        try (Database db = kind.open(dir.resolve("c.db"))) {
            CachedAnswers cache = semantic(db);
            assertThat(cache.scope(5, 7, false)).isEqualTo("chat:5");
            String alice = cache.scope(-100, 1, true);
            String bob = cache.scope(-100, 2, true);
            assertThat(alice).isNotEqualTo(bob);
            cache.put(alice, "What is Rust?", "en", "A language.", "m", 10);
            assertThat(cache.find(bob, "What is Rust?", "en")).as("not shared").isEmpty();

            cache.share(-100, true, 1);
            assertThat(cache.scope(-100, 2, true)).isEqualTo("chat:-100").isEqualTo(cache.scope(-100, 1, true));
            cache.put(cache.scope(-100, 1, true), "What is Go?", "en", "Another.", "m", 10);
            assertThat(semantic(db).find(cache.scope(-100, 2, true), "What is Go?", "en"))
                    .as("shared, and kept across a restart").isPresent();

            assertThat(cache.clear(-100)).isEqualTo(2);
            assertThat(cache.find(cache.scope(-100, 2, true), "What is Go?", "en")).isEmpty();
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
