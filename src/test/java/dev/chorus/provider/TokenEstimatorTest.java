package dev.chorus.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
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

    @Test
    void chunkedCountEqualsJtokkitsCountOfTheWholeText() throws Exception {
        Encoding whole = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
        List<String> texts = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = getClass().getResourceAsStream("/analysis/questions.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                if (!line.isBlank()) {
                    texts.add(json.readTree(line).get("text").asText());
                }
            }
        }
        // whitespace runs before words and line breaks, contractions, digits, marks, emoji, other scripts
        String alphabet = "aZé ж Ж1234567890'sLL\n\r\t  .,!?/-_()<>{}\u0301\u00a0😀中文ﾟ'tREve\u2028";
        Random random = new Random(42);
        for (int i = 0; i < 3_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(60);
            for (int k = 0; k < length; k++) {
                int at = random.nextInt(alphabet.length());
                if (Character.isLowSurrogate(alphabet.charAt(at))) {
                    at--;
                }
                s.appendCodePoint(alphabet.codePointAt(at));
            }
            texts.add(s.toString());
        }
        texts.add("  leading spaces\n\n  and   trailing   \n");
        texts.add("I'm sure they'LL say it's fine; we've 12345678 reasons");
        for (String text : texts) {
            assertThat(TokenEstimator.estimate(text)).as(text).isEqualTo(whole.countTokensOrdinary(text));
        }
    }
}
