package dev.chorus.orchestration.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A gate in front of a pattern must never hide a match: wherever the regex alone finds something,
 * the gate has to let the text through. Checked on the labelled questions and on random texts built
 * from fragments that each pattern matches, so that every pattern matches many times.
 */
class GatedPatternTest {
    private static final Map<String, GatedPattern> GATED = new LinkedHashMap<>();

    static {
        GATED.put("STACK_TRACE", DomainScorer.STACK_TRACE);
        GATED.put("CODE_TOKENS", DomainScorer.CODE_TOKENS);
        GATED.put("FILE_NAME", DomainScorer.FILE_NAME);
        GATED.put("IDENTIFIER", DomainScorer.IDENTIFIER);
        GATED.put("LANGUAGE_NAMES", DomainScorer.LANGUAGE_NAMES);
        GATED.put("SQL", DomainScorer.SQL);
        GATED.put("ARITHMETIC", DomainScorer.ARITHMETIC);
        GATED.put("ALGEBRA", DomainScorer.ALGEBRA);
        GATED.put("LATEX", DomainScorer.LATEX);
        GATED.put("MATRIX", DomainScorer.MATRIX);
        GATED.put("PERCENT", DomainScorer.PERCENT);
        GATED.put("QUOTED", Text.QUOTED);
        GATED.put("FENCED", Text.FENCED);
        GATED.put("LATEST_RU", NeedSignals.LATEST_RU);
        GATED.put("YEAR", NeedSignals.YEAR);
        GATED.put("LONG_OUTPUT", ComplexityEstimator.LONG_OUTPUT);
        GATED.put("BIG_O", ComplexityEstimator.BIG_O);
        GATED.put("EMAIL", PrivateDataDetector.EMAIL);
        GATED.put("PHONE", PrivateDataDetector.PHONE);
        for (int i = 0; i < PrivateDataDetector.KNOWN_TOKENS.size(); i++) {
            GATED.put("KNOWN_TOKENS[" + i + "]", PrivateDataDetector.KNOWN_TOKENS.get(i));
        }
        GATED.put("CARD", PrivateDataDetector.CARD);
        GATED.put("IBAN", PrivateDataDetector.IBAN);
    }

    /** Pieces that the patterns match or nearly match, and the separators around them. */
    private static final List<String> FRAGMENTS = List.of(
            " ", " ", " ", "\n", "  ", "\t", "at ", "com.acme.Main.run(", "Main.java:12)", "File \"app.py\", line 3",
            "Traceback (most recent call last)", "Caused by: ", "Exception in thread ", "==", "!=", "=>", "->",
            "::", "&&", "||", "++", "f()", "{", "}", ";", "<div>", "</b>", "x", "y", "n", "2", "7", "3x", "2y",
            "+", "-", "=", "^", "*", "/", "×", "÷", "<", ">", "(", ")", ".", ".py", ".json", ".NET", ".net",
            "c++", "C#", "node.js", "Node.JS", "SELECT", " name FROM t", "UPDATE users SET", "20", "26", "2026",
            "1999", "последние", "ПОСЛЕДНИЕ", "Последний", "'", "\"", "«", "»", "“", "”", "don't", "500", "1200",
            "words", "word", "слов", "O(", "log", "1)", "@", "a.b", "user", ".com", "+7", "8", "495", "123-45-67",
            "(212) 555-0100", "%", "\\frac", "\\sum", "[", "[[", "DE89", "3704", "0044", "0532", "0130", "00",
            "4111", "1111", "camelCase", "snake_case", "aB", "sk-proj-", "abcdefghijklmnopqrstuvwxyz0123",
            "ghp_", "bearer ", "Bearer ", "password: ", "PASSWORD=", "пароль: ", "AIza", "eyJ", "xoxb-", "github_pat_", "xai-",
            "sk-proj-abcdefghijklmnopqrstuvwx1234", "xai-abcdefghijklmnopqrstuvwxyz123456",
            "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
            "AKIAABCDEFGHIJKLMNOP", "AIzaSyA1234567890abcdefghijklmnopqrstuv", "xoxb-1234567890-abcdefghij",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "hunter2hunter2", "12345678:", "1234567890:AAE2e-TestTokenThatMustNeverBeLogge", "key: sk-", "ASIA", "AKIA", "ABCDEFGHIJKLMNOP", "é", "ж",
            "```", "java", "```\n", "e.g.", "x^2", "1 + 1", "a = 5");

    private static List<String> questions;

    @BeforeAll
    static void loadQuestions() throws IOException {
        ObjectMapper json = new ObjectMapper();
        questions = new ArrayList<>();
        try (InputStream in = GatedPatternTest.class.getResourceAsStream("/analysis/questions.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                if (!line.isBlank()) {
                    questions.add(json.readTree(line).get("text").asText());
                }
            }
        }
    }

    @Test
    void noGateHidesAMatchInTheLabelledQuestions() {
        for (String question : questions) {
            assertGatesHold(question);
            assertGatesHold(Text.of(question).prose);
        }
    }

    @Test
    void noGateHidesAMatchInRandomTexts() {
        Random random = new Random(20261122);
        Map<String, Integer> matched = new LinkedHashMap<>();
        for (int i = 0; i < 10_000; i++) {
            StringBuilder text = new StringBuilder();
            int pieces = 1 + random.nextInt(14);
            for (int p = 0; p < pieces; p++) {
                text.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
            }
            String s = text.toString();
            assertGatesHold(s);
            GATED.forEach((name, gated) -> {
                if (gated.pattern().matcher(s).find()) {
                    matched.merge(name, 1, Integer::sum);
                }
            });
        }
        // otherwise the check above proved nothing for that pattern
        assertThat(matched.keySet()).as("patterns the random texts matched").containsExactlyInAnyOrderElementsOf(GATED.keySet());
        assertThat(matched.values()).allSatisfy(n -> assertThat(n).isGreaterThan(10));
    }

    @Test
    void gatesSkipOrdinaryProse() {
        String prose = "Could you summarize the main points of the meeting for the team? We talked about the roadmap, "
                + "hiring and the office move, and everyone agreed that the launch should wait until spring.";
        List<String> skipped = GATED.entrySet().stream().filter(e -> !e.getValue().gate().test(prose))
                .map(Map.Entry::getKey).toList();
        assertThat(skipped).contains("STACK_TRACE", "CODE_TOKENS", "IDENTIFIER", "SQL", "ARITHMETIC", "ALGEBRA",
                "LATEX", "MATRIX", "PERCENT", "QUOTED", "FENCED", "LATEST_RU", "YEAR", "LONG_OUTPUT", "BIG_O", "EMAIL",
                "PHONE", "CARD", "IBAN");
        assertThat(PrivateDataDetector.mayHoldKnownToken(prose)).isFalse();
    }

    @Test
    void longTokenScanFindsTheRunsThePossessiveRegexFinds() {
        Pattern regex = Pattern.compile("(?<![A-Za-z0-9_+=-])[A-Za-z0-9_+=-]{32,}+");
        Random random = new Random(7);
        String alphabet = "aZ9_+=-Qx7kLmPbC3dEfG5hJ2rT4 .";
        int runs = 0;
        for (int i = 0; i < 5_000; i++) {
            StringBuilder s = new StringBuilder(random.nextBoolean() ? "my api key: " : "");
            int length = random.nextInt(160);
            for (int k = 0; k < length; k++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = s.toString();
            List<PrivateDataDetector.Finding> expected = new ArrayList<>();
            Matcher m = regex.matcher(text);
            while (m.find()) {
                runs++;
                if (PrivateDataDetector.looksSecret(m.group(), text.substring(Math.max(0, m.start() - 40), m.start()))) {
                    expected.add(new PrivateDataDetector.Finding(PrivateData.API_KEY_OR_TOKEN, m.start(), m.end()));
                }
            }
            List<PrivateDataDetector.Finding> actual = new ArrayList<>();
            PrivateDataDetector.longTokens(text, actual);
            assertThat(actual).as(text).isEqualTo(expected);
        }
        assertThat(runs).isGreaterThan(500);
    }

    private static void assertGatesHold(String s) {
        GATED.forEach((name, gated) -> {
            if (gated.pattern().matcher(s).find()) {
                assertThat(gated.gate().test(s)).as("%s's gate on %s", name, s).isTrue();
            }
        });
    }
}
