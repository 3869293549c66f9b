package dev.chorus.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TokenEstimatorTest {

    @Test
    void countsO200kTokensNotCharacters() {
        assertThat(TokenEstimator.estimate((String) null)).isZero();
        assertThat(TokenEstimator.estimate("")).isZero();
        // "Hello" "," " world" "!" in o200k_base; chars/4 would say 4 as well, so also:
        assertThat(TokenEstimator.estimate("Hello, world!")).isEqualTo(4);
        // 51 characters, 9 tokens: "Rust" " is" " a" " memory" "-safe" " systems" " programming" " language" "."
        assertThat(TokenEstimator.estimate("Rust is a memory-safe systems programming language.")).isEqualTo(9);
        assertThat(TokenEstimator.estimate("12345678")).isEqualTo(3);
    }

    @Test
    void textSpellingASpecialTokenIsCountedAsPlainText() {
        // countTokens would throw UnsupportedOperationException here; user text may contain anything.
        assertThat(TokenEstimator.estimate("a <|endoftext|> b")).isEqualTo(9);
    }

    @Test
    void chatCountAddsOpenAisPerMessageOverhead() {
        // 3 reply priming + (3 + "system" 1 + "Be brief." 3) + (3 + "user" 1 + "What is Rust?" 4) = 18
        assertThat(TokenEstimator.estimate(List.of(ChatMessage.system("Be brief."), ChatMessage.user("What is Rust?"))))
                .isEqualTo(18);
        // 3 + (3 + "assistant" 1 + "" 0)
        assertThat(TokenEstimator.estimate(List.of(ChatMessage.assistant("")))).isEqualTo(7);
    }

    @Test
    void concurrentFirstUseGivesOneAnswer() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Long>> counts = pool.invokeAll(
                    Collections.nCopies(16, () -> TokenEstimator.estimate("Hello, world!")));
            for (Future<Long> count : counts) {
                assertThat(count.get()).isEqualTo(4);
            }
        }
    }
}
