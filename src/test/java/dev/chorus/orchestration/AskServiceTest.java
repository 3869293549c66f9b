package dev.chorus.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.FinishReason;
import dev.chorus.provider.Role;
import dev.chorus.provider.Usage;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.store.Database;
import dev.chorus.store.JdbiCallLog;
import dev.chorus.testing.ScriptedChatClient;
import dev.chorus.testing.TestAsks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AskServiceTest {
    @TempDir
    Path dir;
    JdbiCallLog calls;

    @BeforeEach
    void openStore() {
        calls = new JdbiCallLog(Database.open(dir.resolve("chorus.db")));
    }

    @Test
    void answerIsStreamedCostedAndRecorded() {
        ScriptedChatClient client = new ScriptedChatClient(r -> new ChatOutcome.Completed("Hello there",
                new Usage(1_000, 200, 500, 0, false), "gpt-4o-mini-2024-07-18", FinishReason.STOP));
        AskService asks = service(client, 4096);
        List<String> deltas = new ArrayList<>();

        AskOutcome outcome = asks.ask(AskRequest.simple(new Asker(7, 70), "Hi?"), deltas::add);

        // 800 uncached × $0.15 + 200 cached × $0.075 + 500 out × $0.60 per million = 120 + 15 + 300 µ$.
        assertThat(outcome).isInstanceOfSatisfying(AskOutcome.Answered.class, a -> {
            assertThat(a.text()).isEqualTo("Hello there");
            assertThat(a.modelId()).isEqualTo("gpt-4o-mini");
            assertThat(a.costMicros()).isEqualTo(435);
            assertThat(a.truncated()).isFalse();
        });
        assertThat(String.join("", deltas)).isEqualTo("Hello there");
        assertThat(client.requests()).singleElement().satisfies(r -> {
            assertThat(r.model()).isEqualTo("gpt-4o-mini");
            assertThat(r.maxTokens()).isEqualTo(4096);
            assertThat(r.messages()).extracting(m -> m.role()).containsExactly(Role.SYSTEM, Role.USER);
            assertThat(r.messages().get(1).content()).isEqualTo("Hi?");
        });
        assertThat(calls.recent(5)).singleElement().satisfies(c -> {
            assertThat(c.userId()).isEqualTo(7);
            assertThat(c.chatId()).isEqualTo(70);
            assertThat(c.costMicros()).isEqualTo(435);
            assertThat(c.outcome()).isEqualTo("Completed");
        });
    }

    @Test
    void maxTokensIsCappedByTheModelsOutputLimit() {
        ScriptedChatClient client = new ScriptedChatClient(r -> new ChatOutcome.Completed("x", Usage.ZERO, "m",
                FinishReason.STOP));
        service(client, 200_000).ask(AskRequest.simple(new Asker(1, 1), "q"), AnswerProgress.IGNORE);
        assertThat(client.requests().getFirst().maxTokens()).isEqualTo(16_384);
    }

    @Test
    void lengthLimitedAnswerIsMarkedTruncated() {
        AskOutcome outcome = service(new ScriptedChatClient(r -> new ChatOutcome.Completed("cut", Usage.ZERO, "m",
                FinishReason.LENGTH)), 10).ask(AskRequest.simple(new Asker(1, 1), "q"), AnswerProgress.IGNORE);
        assertThat(outcome).isInstanceOfSatisfying(AskOutcome.Answered.class, a -> assertThat(a.truncated()).isTrue());
    }

    @Test
    void providerFailuresBecomeFailuresAndAreRecordedWithoutCost() {
        record Case(ChatOutcome given, Failure expected) {
        }
        List<Case> cases = List.of(
                new Case(new ChatOutcome.ServerError(500, "boom"), Failure.UNAVAILABLE),
                new Case(new ChatOutcome.Overloaded("busy"), Failure.UNAVAILABLE),
                new Case(new ChatOutcome.NetworkError("reset"), Failure.UNAVAILABLE),
                new Case(new ChatOutcome.RateLimited(Duration.ofSeconds(3), "slow down"), Failure.RATE_LIMITED),
                new Case(new ChatOutcome.Timeout("slow"), Failure.TIMEOUT),
                new Case(new ChatOutcome.AuthFailed("bad key"), Failure.MISCONFIGURED),
                new Case(new ChatOutcome.ContextTooLong("too long"), Failure.TOO_LONG),
                new Case(new ChatOutcome.BadRequest("nope"), Failure.REJECTED),
                new Case(new ChatOutcome.Interrupted("half an ans", "cut"), Failure.INTERRUPTED));
        // Interrupted text was shown, so it is billed (estimated); the rest cost nothing.
        for (Case c : cases) {
            AskOutcome outcome = service(new ScriptedChatClient(r -> c.given()), 100)
                    .ask(AskRequest.simple(new Asker(1, 1), "q"), AnswerProgress.IGNORE);
            assertThat(outcome).as(c.given().toString()).isInstanceOfSatisfying(AskOutcome.Failed.class,
                    f -> assertThat(f.failure()).isEqualTo(c.expected()));
        }
        assertThat(calls.recent(20)).hasSize(cases.size())
                .allMatch(r -> r.costMicros() == 0 || r.outcome().equals("Interrupted"));
        assertThat(calls.recent(20)).extracting(CallRecord::outcome).contains("ServerError", "Interrupted");
    }

    @Test
    void refusalIsDeclinedWithItsCost() {
        AskOutcome outcome = service(new ScriptedChatClient(r -> new ChatOutcome.Refused("I can't help with that.",
                new Usage(100, 0, 10, 0, false))), 100).ask(AskRequest.simple(new Asker(1, 1), "q"), AnswerProgress.IGNORE);
        assertThat(outcome).isEqualTo(new AskOutcome.Declined("I can't help with that.", "gpt-4o-mini", 21));
    }

    @Test
    void theModelIsToldToAnswerInTheLanguageOfTheQuestion() {
        ScriptedChatClient client = new ScriptedChatClient(r -> new ChatOutcome.Completed("Ответ", Usage.ZERO, "m",
                FinishReason.STOP));
        AskService asks = service(client, 1000);
        asks.ask(AskRequest.simple(new Asker(1, 1), "Как работает сборщик мусора в Java и зачем он нужен?"),
                AnswerProgress.IGNORE);
        asks.ask(AskRequest.simple(new Asker(1, 1), "How does garbage collection work in Java, and why is it needed?"),
                AnswerProgress.IGNORE);
        asks.ask(AskRequest.simple(new Asker(1, 1), "12 * 7 = ?"), AnswerProgress.IGNORE);
        assertThat(client.requests()).extracting(r -> r.messages().getFirst().content()).containsExactly(
                "Be brief.\n\nAnswer in Russian.", "Be brief.\n\nAnswer in English.",
                "Be brief.\n\nAnswer in the language of the question.");
    }

    @Test
    void theLanguageLineIsCountedInThePromptsTokens() {
        AskService asks = service(new ScriptedChatClient(r -> new ChatOutcome.Completed("x", Usage.ZERO, "m",
                FinishReason.STOP)), 1000);
        String question = "Как работает сборщик мусора в Java и зачем он нужен?";
        AskService.RoutedQuestion routed = asks.route(AskRequest.simple(new Asker(1, 1), question));
        long sent = dev.chorus.provider.TokenEstimator.estimate(List.of(
                dev.chorus.provider.ChatMessage.system(AskService.systemPrompt("Be brief.", "ru")),
                dev.chorus.provider.ChatMessage.user(question)));
        assertThat(routed.profile().language()).isEqualTo("ru");
        assertThat(routed.profile().needs().promptTokens()).isEqualTo(sent);
        assertThat(AskService.systemPrompt("", "und")).isEqualTo("Answer in the language of the question.");
        assertThat(AskService.systemPrompt("Be brief.", "uk")).isEqualTo("Be brief.\n\nAnswer in Ukrainian.");
    }

    private AskService service(ScriptedChatClient client, int maxTokens) {
        return TestAsks.service(client, calls, "gpt-4o-mini", maxTokens);
    }
}
