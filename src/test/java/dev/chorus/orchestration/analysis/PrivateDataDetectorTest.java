package dev.chorus.orchestration.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrivateDataDetectorTest {
    private final PrivateDataDetector detector = new PrivateDataDetector();

    @ParameterizedTest
    @ValueSource(strings = {
            "my email is john.doe+bot@example.co.uk, write to me",
            "пишите на ivan_petrov@yandex.ru",
    })
    void findsEmails(String text) {
        assertThat(detector.detect(text)).containsExactly(PrivateData.EMAIL);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "call me +7 (916) 123-45-67 tonight",
            "мой номер 8 916 123 45 67",
            "звони 89161234567",
            "office: +1 415 555 0132",
            "UK desk +44 20 7946 0958",
            "US line (415) 555-0132",
    })
    void findsPhones(String text) {
        assertThat(detector.detect(text)).containsExactly(PrivateData.PHONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "why does sk-proj-4fT9xQ2mLk8vR1nB7cYz0wPq fail with 401",
            "key xai-Zk39fLq0Vn2Wd8Rt5Yp1Hs7Gm4",
            "token ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R",
            "aws AKIAIOSFODNN7EXAMPLE in my config",
            "bot token 110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ please help",
            "curl -H 'Authorization: Bearer abc123def456ghi789jkl0'",
            "секрет h7Gk2pQ9xZ4vL8mN3bR6tY1wE5sA0cD7fJ2 не работает",
            "login admin password: hunter2024!",
            "api key: 3f786850e387550fdab836ed7e6dc881de23001b",
    })
    void findsKeysAndTokens(String text) {
        assertThat(detector.detect(text)).containsExactly(PrivateData.API_KEY_OR_TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"card 4111 1111 1111 1111 declined", "5500-0000-0000-0004", "pay with 4111111111111111"})
    void findsLuhnValidCards(String text) {
        assertThat(detector.detect(text)).containsExactly(PrivateData.CARD_NUMBER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"IBAN DE89 3704 0044 0532 0130 00", "send to GB82WEST12345698765432"})
    void findsValidIbans(String text) {
        assertThat(detector.detect(text)).containsExactly(PrivateData.IBAN);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "I was born in 1987 and moved in 2015",
            "order #123456789012 hasn't arrived yet",
            "card 4111 1111 1111 1112 is it valid?",
            // a commit hash grants nothing and is pasted into code questions all the time
            "the fix landed in commit 3f786850e387550fdab836ed7e6dc881de23001b",
            "sha256 is 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "request id 123e4567-e89b-12d3-a456-426614174000",
            "rename this_is_a_very_long_variable_name_in_python_code",
            "class AbstractSingletonProxyFactoryBeanImplementation",
            "call 555-0132 at 5pm",
            "x = 2024 * 3 + 17",
            "mention @some_username in the chat",
            "mail me at user@localhost",
            "IBAN DE00 3704 0044 0532 0130 00 is a typo",
            "0000 0000 0000 0000",
    })
    void ignoresNearMisses(String text) {
        assertThat(detector.detect(text)).isEmpty();
    }

    @Test
    void reportsEachKindOnceInDeclarationOrderAndSpansForMasking() {
        String text = "card 4111111111111111, mail a@b.io, again c@d.io";
        assertThat(detector.detect(text)).containsExactly(PrivateData.EMAIL, PrivateData.CARD_NUMBER);
        List<PrivateDataDetector.Finding> found = detector.find(text);
        assertThat(found).extracting(f -> text.substring(f.start(), f.end()))
                .containsExactly("4111111111111111", "a@b.io", "c@d.io");
    }

    /**
     * 100k-character inputs built to make a careless pattern backtrack: long runs of almost-matches
     * for each kind. The answer must still be right, and the bound (far above the milliseconds this
     * takes) turns a catastrophic pattern into a failure instead of a hung build.
     */
    @Test
    void answersRightOnHostileInput() {
        Map<String, List<PrivateData>> cases = new LinkedHashMap<>();
        cases.put("a@".repeat(50_000), List.of());
        cases.put("a.b@".repeat(25_000), List.of());
        cases.put("a@".repeat(50_000) + "x@example.com", List.of(PrivateData.EMAIL));
        cases.put("0 ".repeat(50_000), List.of());
        cases.put("0-".repeat(50_000), List.of());
        cases.put("0 ".repeat(50_000) + "mail me at john@example.com", List.of(PrivateData.EMAIL));
        cases.put("+" + "0 ".repeat(50_000), List.of(PrivateData.PHONE));
        cases.put("bearer ".repeat(15_000), List.of());
        cases.put("sk-" + "a".repeat(100_000), List.of(PrivateData.API_KEY_OR_TOKEN));
        cases.put("12345678:".repeat(11_000), List.of());
        cases.put("DE89 ".repeat(20_000), List.of());
        cases.put("eyJ".repeat(33_000) + ".eyJ", List.of());
        for (Map.Entry<String, List<PrivateData>> c : cases.entrySet()) {
            String hostile = c.getKey();
            assertThat(hostile.length()).isGreaterThanOrEqualTo(99_000);
            List<PrivateData> found = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> detector.detect(hostile),
                    () -> "no answer within 10 s on " + hostile.substring(0, 20) + "...");
            assertThat(found).as(hostile.substring(0, 20) + "...").isEqualTo(c.getValue());
        }
    }
}
