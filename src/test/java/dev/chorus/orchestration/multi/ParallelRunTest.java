package dev.chorus.orchestration.multi;

import dev.chorus.orchestration.Step;
import dev.chorus.orchestration.Role;
import dev.chorus.orchestration.MemberState;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.config.ChorusConfig;
import dev.chorus.config.ConfigLoader;
import dev.chorus.orchestration.AnswerProgress;
import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.fleet.ProviderFleet;
import dev.chorus.provider.resilience.ChainResult;
import dev.chorus.provider.resilience.Deadline;
import dev.chorus.provider.resilience.FallbackChain;
import dev.chorus.provider.resilience.SpendGate;
import dev.chorus.testing.FakeOpenAi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The parallel strategy against three MockWebServer providers in OpenAI's real wire format. */
class ParallelRunTest {
    MockWebServer alpha = new MockWebServer();
    MockWebServer beta = new MockWebServer();
    MockWebServer gamma = new MockWebServer();
    ProviderFleet fleet;
    FallbackChain chain;
    List<ChainResult> logged = new CopyOnWriteArrayList<>();
    List<List<Step>> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        alpha.start();
        beta.start();
        gamma.start();
        Path file = Files.createTempFile("multi", ".properties");
        Files.writeString(file, String.join("\n",
                "providers.alpha.base-url=" + alpha.url("/v1"),
                "providers.beta.base-url=" + beta.url("/v1"),
                "providers.gamma.base-url=" + gamma.url("/v1"),
                "provider.max-retries=0",
                "models.a-model.provider=alpha", "models.a-model.context-window=100000",
                "models.a-model.price.input=1", "models.a-model.price.output=2",
                "models.b-model.provider=beta", "models.b-model.context-window=100000",
                "models.b-model.price.input=1", "models.b-model.price.output=2",
                "models.c-model.provider=gamma", "models.c-model.context-window=100000",
                "models.c-model.price.input=1", "models.c-model.price.output=2"));
        file.toFile().deleteOnExit();
        ChorusConfig config = ConfigLoader.load(file, Map.of("TELEGRAM_BOT_TOKEN", "1:unused-token-value"));
        fleet = new ProviderFleet(config, ModelCatalog.load(config.catalog()), new ObjectMapper(), Clock.systemUTC(),
                d -> { });
        chain = fleet.chain((provider, message) -> { });
    }

    @AfterEach
    void stop() throws IOException {
        fleet.close();
        alpha.close();
        beta.close();
        gamma.close();
    }

    private ModelSpec model(String id) {
        return fleet.catalog().find(id).orElseThrow();
    }

    private RunResult run(Duration grace, Duration deadline) {
        ParallelRun run = new ParallelRun(new MemberCalls(chain, SpendGate.UNLIMITED, 100, logged::add), grace);
        return run.run(List.of(ChatMessage.system("Be brief."), ChatMessage.user("What is Rust?")), "What is Rust?",
                List.of(model("a-model"), model("b-model"), model("c-model")), List.of(0.9, 0.8, 0.7), model("a-model"),
                new RunRecord(seen::add), Deadline.in(deadline), AnswerProgress.IGNORE);
    }

    private static MockResponse answer(String text) {
        return new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream")
                .body(FakeOpenAi.streamOf(text, 20, 5)).build();
    }

    @Test
    void everyMemberAnswersThenTheStrongestMergesAllThree() throws Exception {
        alpha.enqueue(answer("Alpha says memory safety."));
        beta.enqueue(answer("Beta says speed."));
        gamma.enqueue(answer("Gamma says both."));
        alpha.enqueue(answer("Merged: memory safety and speed."));
        RunResult result = run(Duration.ofSeconds(5), Duration.ofSeconds(30));
        assertThat(result.ending()).isEqualTo(MultiOutcome.Ending.MERGED);
        assertThat(result.text()).isEqualTo("Merged: memory safety and speed.");
        assertThat(result.missing()).isEmpty();
        alpha.takeRequest();
        String merge = alpha.takeRequest().getBody().utf8();
        assertThat(merge).contains(Merging.INSTRUCTION.substring(0, 40), "Alpha says memory safety.",
                "Beta says speed.", "Gamma says both.");
        List<Step> last = seen.getLast();
        assertThat(last).extracting(Step::role).containsExactly(Role.ANSWER, Role.ANSWER, Role.ANSWER, Role.MERGE);
        assertThat(last).extracting(Step::state).containsOnly(MemberState.DONE);
        assertThat(last).allSatisfy(s -> assertThat(s.costMicros()).isPositive());
        assertThat(logged).hasSize(4);
    }

    @Test
    void aStragglerIsCancelledAfterTheGraceItsConnectionClosedAndTheOthersMerged() throws Exception {
        alpha.enqueue(answer("Alpha answers at once."));
        beta.enqueue(answer("Beta answers at once too."));
        // gamma starts and then stalls: its connection must be closed by us, not left to run
        gamma.enqueue(new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream")
                .body(FakeOpenAi.streamOf("Gamma takes forever", 20, 5))
                .throttleBody(40, 30, TimeUnit.SECONDS).build());
        alpha.enqueue(answer("Merged from two."));
        long start = System.nanoTime();
        RunResult result = run(Duration.ofMillis(500), Duration.ofSeconds(30));
        assertThat(result.ending()).isEqualTo(MultiOutcome.Ending.MERGED);
        assertThat(result.missing()).containsExactly("c-model");
        assertThat(seen.getLast().get(2).state()).isEqualTo(MemberState.CANCELLED);
        // the whole run took the grace, not gamma's thirty seconds
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aFailingMemberDoesNotSinkTheRunAndAFailedMergeSendsTheBestSingleAnswer() throws Exception {
        alpha.enqueue(answer("Alpha's answer is the best one."));
        beta.enqueue(new MockResponse.Builder().code(500).body("{\"error\":{\"message\":\"boom\"}}").build());
        gamma.enqueue(answer("Gamma's answer."));
        alpha.enqueue(new MockResponse.Builder().code(500).body("{\"error\":{\"message\":\"merge boom\"}}").build());
        RunResult result = run(Duration.ofSeconds(5), Duration.ofSeconds(30));
        assertThat(result.ending()).isEqualTo(MultiOutcome.Ending.MERGE_FAILED);
        assertThat(result.text()).isEqualTo("Alpha's answer is the best one.");
        assertThat(result.answeredBy()).isEqualTo("a-model");
        assertThat(result.missing()).containsExactly("b-model");
        assertThat(seen.getLast()).extracting(Step::state)
                .containsExactly(MemberState.DONE, MemberState.FAILED, MemberState.DONE, MemberState.FAILED);
    }

    @Test
    void whenNoMemberAnswersNothingIsMerged() {
        for (MockWebServer server : List.of(alpha, beta, gamma)) {
            server.enqueue(new MockResponse.Builder().code(500).body("{\"error\":{\"message\":\"down\"}}").build());
        }
        RunResult result = run(Duration.ofSeconds(5), Duration.ofSeconds(30));
        assertThat(result.text()).isNull();
        assertThat(result.missing()).containsExactly("a-model", "b-model", "c-model");
        assertThat(alpha.getRequestCount()).isEqualTo(1);
    }
}
