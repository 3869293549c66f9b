package dev.chorus.orchestration.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import dev.chorus.json.JsonVerdictParser;
import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.catalog.Domain;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelAnalyzerTest {
    private static final String VALID = "{\"domain\": \"math\", \"complexity\": 0.82, \"language\": \"en\", \"confidence\": 0.9}";
    private static final String QUESTION = "Prove that there are infinitely many primes of the form 4k+3.";

    private final DeterministicAnalyzer local =
            new DeterministicAnalyzer(Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC));
    private final ScriptedModel model = new ScriptedModel();
    private final Cache<String, ModelVerdict> cache = ModelAnalyzer.defaultCache();
    private final ModelAnalyzer analyzer = new ModelAnalyzer(model, new JsonVerdictParser(), local, cache);

    /** Replies in order, recording every prompt; runs dry as an empty reply. */
    static final class ScriptedModel implements ProfileModel {
        final Deque<Optional<String>> replies = new ArrayDeque<>();
        final List<String> userPrompts = new ArrayList<>();

        ScriptedModel reply(String... texts) {
            for (String text : texts) {
                replies.add(Optional.ofNullable(text));
            }
            return this;
        }

        @Override
        public Optional<String> complete(String systemPrompt, String userPrompt) {
            assertThat(systemPrompt).contains("JSON").contains("summarization");
            userPrompts.add(userPrompt);
            return replies.isEmpty() ? Optional.empty() : replies.poll();
        }
    }

    @Test
    void usesAValidAnswer() {
        model.reply(VALID);
        TaskProfile profile = analyzer.analyze(QUESTION);
        assertThat(profile).isEqualTo(new TaskProfile(Domain.MATH, 0.82, local.analyze(QUESTION).needs(), "en", 0.9,
                TaskProfile.Source.MODEL));
        assertThat(model.userPrompts).hasSize(1);
        assertThat(model.userPrompts.getFirst()).contains(QUESTION);
    }

    @Test
    void acceptsAFencedAnswer() {
        model.reply("```json\n" + VALID + "\n```");
        assertThat(analyzer.analyze(QUESTION).source()).isEqualTo(TaskProfile.Source.MODEL);
    }

    @Test
    void retriesOnceQuotingTheErrorAndUsesTheSecondAnswer() {
        model.reply("{\"domain\": \"math\", \"complexity\": 1.7, \"language\": \"en\", \"confidence\": 0.9}", VALID);
        TaskProfile profile = analyzer.analyze(QUESTION);
        assertThat(profile.source()).isEqualTo(TaskProfile.Source.MODEL);
        assertThat(profile.complexity()).isEqualTo(0.82);
        assertThat(model.userPrompts).hasSize(2);
        assertThat(model.userPrompts.get(1)).contains(QUESTION).contains("\"complexity\" is 1.7 but must be a number from 0 to 1");
    }

    @Test
    void fallsBackAfterTwoInvalidAnswers() {
        model.reply("{\"domain\": \"poetry\", \"complexity\": 0.5, \"language\": \"en\", \"confidence\": 0.9}",
                "Sure! The domain is math.", VALID);
        TaskProfile profile = analyzer.analyze(QUESTION);
        assertThat(profile).isEqualTo(local.analyze(QUESTION));
        assertThat(model.userPrompts).hasSize(2);
        assertThat(model.userPrompts.get(1)).contains("\"domain\" is \"poetry\" but must be one of: code, math");
    }

    @Test
    void fallsBackOnAnEmptyAnswerWithoutRetrying() {
        TaskProfile profile = analyzer.analyze(QUESTION);
        assertThat(profile).isEqualTo(local.analyze(QUESTION));
        assertThat(model.userPrompts).hasSize(1);
    }

    @Test
    void fallsBackWhenTheModelThrows() {
        ModelAnalyzer throwing = new ModelAnalyzer((s, u) -> {
            throw new IllegalStateException("timeout");
        }, new JsonVerdictParser(), local);
        assertThat(throwing.analyze(QUESTION)).isEqualTo(local.analyze(QUESTION));
    }

    @Test
    void aCacheHitMakesNoSecondCall() {
        model.reply(VALID, VALID);
        TaskProfile first = analyzer.analyze(QUESTION);
        TaskProfile second = analyzer.analyze(QUESTION);
        assertThat(second).isEqualTo(first);
        assertThat(model.userPrompts).hasSize(1);
    }

    @Test
    void failuresAreNotCached() {
        model.reply("", VALID);
        assertThat(analyzer.analyze(QUESTION).source()).isEqualTo(TaskProfile.Source.DETERMINISTIC);
        assertThat(cache.getIfPresent(QUESTION)).isNull();
        assertThat(analyzer.analyze(QUESTION).source()).isEqualTo(TaskProfile.Source.MODEL);
    }

    @Test
    void needsNeverComeFromTheModel() {
        String question = "what's the bitcoin price today? First in USD, then in EUR";
        model.reply("{\"domain\": \"factual\", \"complexity\": 0.1, \"language\": \"en\", \"confidence\": 0.8,"
                + " \"needs\": {\"freshness\": false, \"multiStep\": false, \"promptTokens\": 1}}");
        TaskProfile profile = analyzer.analyze(question);
        assertThat(profile.source()).isEqualTo(TaskProfile.Source.MODEL);
        assertThat(profile.needs()).isEqualTo(local.analyze(question).needs());
        assertThat(profile.needs().freshness()).isTrue();
        assertThat(profile.needs().multiStep()).isTrue();
    }

    @Test
    void cachedVerdictsStillTakeNeedsFromTheCurrentConversation() {
        model.reply(VALID);
        TaskProfile alone = analyzer.analyze(QUESTION);
        TaskProfile withHistory = analyzer.analyze(QUESTION, List.of(ChatMessage.user("word ".repeat(9_000))));
        assertThat(model.userPrompts).hasSize(1);
        assertThat(withHistory.source()).isEqualTo(TaskProfile.Source.MODEL);
        assertThat(withHistory.needs().longContext()).isTrue();
        assertThat(alone.needs().longContext()).isFalse();
    }

    @Test
    void privateDataNeverReachesTheModel() {
        model.reply(VALID);
        String question = "my key sk-proj-4fT9xQ2mLk8vR1nB7cYz0wPq returns 401, why?";
        TaskProfile profile = analyzer.analyze(question);
        assertThat(model.userPrompts).isEmpty();
        assertThat(profile.source()).isEqualTo(TaskProfile.Source.DETERMINISTIC);
        assertThat(profile.needs().privateData()).containsExactly(PrivateData.API_KEY_OR_TOKEN);
    }

    @Test
    void truncatesHugeQuestionsWithoutSplittingAnEmoji() {
        String huge = "a".repeat(ModelAnalyzer.MAX_QUESTION_CHARS - 1) + "😀" + "b".repeat(100);
        String prompt = ModelAnalyzer.userPrompt(huge);
        assertThat(prompt).contains("more characters]").doesNotContain("😀".substring(0, 1) + "\n");
    }
}
