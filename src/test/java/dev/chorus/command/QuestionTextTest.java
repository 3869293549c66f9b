package dev.chorus.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuestionTextTest {
    @Test
    void invisibleCharactersAloneAreNoQuestion() {
        assertThat(QuestionText.isBlank("\u200B\u200C\u200D\u2060\uFEFF")).isTrue();
        assertThat(QuestionText.isBlank(" \t\n\u00A0\u3000")).isTrue();
        assertThat(QuestionText.isBlank("\u3164\u115F\u2800\u202E\u2066")).isTrue();
        assertThat(QuestionText.isBlank("\uDB40\uDC41\uDB40\uDC42")).as("tag characters").isTrue();
    }

    @Test
    void anythingVisibleIsAQuestion() {
        assertThat(QuestionText.isBlank("?")).isFalse();
        assertThat(QuestionText.isBlank("\u200B🙂")).isFalse();
        assertThat(QuestionText.isBlank("👨‍👩‍👧")).isFalse();
        assertThat(QuestionText.isBlank("是")).isFalse();
    }

    @Test
    void quotesAreCutWithoutSplittingAnEmoji() {
        assertThat(Quote.of("  short  ")).isEqualTo("short");
        assertThat(Quote.of("a".repeat(5000))).isEqualTo("a".repeat(32) + "…");
        assertThat(Quote.of("🙂".repeat(40))).isEqualTo("🙂".repeat(32) + "…");
        assertThat(Quote.of("line one\n\n\nline two")).isEqualTo("line one line two");
    }

    @Test
    void aPersonGetsABurstOfThreeThenWaits() {
        QuestionLimiter limiter = new QuestionLimiter(6, 20);
        Incoming in = new Incoming(1, ChatKind.PRIVATE, 1, "q", true);
        assertThat(limiter.take(in)).isEmpty();
        assertThat(limiter.take(in)).isEmpty();
        assertThat(limiter.take(in)).isEmpty();
        Optional<Duration> wait = limiter.take(in);
        // six a minute: the next one in about ten seconds
        assertThat(wait).hasValueSatisfying(w -> assertThat(w).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10)));
        assertThat(QuestionLimiter.seconds(wait.orElseThrow())).matches("\\d+ s");
        assertThat(limiter.take(new Incoming(2, ChatKind.PRIVATE, 2, "q", true))).as("someone else").isEmpty();
    }

    @Test
    void aGroupSharesItsAllowanceButARefusedPersonCostsItNothing() {
        QuestionLimiter limiter = new QuestionLimiter(600, 5);
        for (int user = 1; user <= 5; user++) {
            assertThat(limiter.take(new Incoming(-9, ChatKind.GROUP, user, "q", true))).isEmpty();
        }
        assertThat(limiter.take(new Incoming(-9, ChatKind.GROUP, 6, "q", true))).isPresent();
        assertThat(limiter.take(new Incoming(-10, ChatKind.GROUP, 6, "q", true))).as("another group").isEmpty();
        QuestionLimiter strict = new QuestionLimiter(1, 600);
        assertThat(strict.take(new Incoming(-9, ChatKind.GROUP, 1, "q", true))).isEmpty();
        assertThat(strict.take(new Incoming(-9, ChatKind.GROUP, 1, "q", true))).isPresent();
        assertThat(strict.take(new Incoming(-9, ChatKind.GROUP, 2, "q", true))).isEmpty();
    }
}
