package dev.chorus.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.chorus.config.ResilienceSettings;
import dev.chorus.json.JsonVerdictParser;
import dev.chorus.orchestration.analysis.DeterministicAnalyzer;
import dev.chorus.orchestration.analysis.ModelAnalyzer;
import dev.chorus.orchestration.analysis.TaskProfile;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.FinishReason;
import dev.chorus.provider.Usage;
import dev.chorus.provider.catalog.Domain;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.resilience.FallbackChain;
import dev.chorus.provider.resilience.ProviderGuard;
import dev.chorus.provider.resilience.ProviderMetrics;
import dev.chorus.provider.resilience.SpendGate;
import dev.chorus.store.Database;
import dev.chorus.store.JdbiCallLog;
import dev.chorus.testing.ScriptedChatClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LLM analyzer's model call: through the guard and the budget, recorded, and never holding a question up. */
class AnalysisModelTest {
    static final ModelSpec MINI = ModelCatalog.builtIn().find("gpt-4o-mini").orElseThrow();

    @TempDir
    Path dir;

    @Test
    void modelVerdictIsUsedAndTheCallRecorded() {
        JdbiCallLog calls = new JdbiCallLog(Database.open(dir.resolve("a.db")));
        ScriptedChatClient client = new ScriptedChatClient(r -> new ChatOutcome.Completed(
                "{\"domain\": \"math\", \"complexity\": 0.9, \"language\": \"en\", \"confidence\": 0.8}",
                new Usage(120, 0, 30, 0, false), "gpt-4o-mini", FinishReason.STOP));
        TaskProfile profile = analyzer(client, SpendGate.UNLIMITED, calls).analyze("how are you today?");
        assertThat(profile.domain()).isEqualTo(Domain.MATH);
        assertThat(profile.complexity()).isEqualTo(0.9);
        assertThat(profile.source()).isEqualTo(TaskProfile.Source.MODEL);
        assertThat(calls.recent(5)).singleElement().satisfies(c -> {
            assertThat(c.purpose()).isEqualTo("analysis");
            assertThat(c.costMicros()).isEqualTo(36); // 120 × 0.15 + 30 × 0.60 µ$
        });
    }

    @Test
    void budgetRefusalFallsBackToTheBuiltInAnalyzer() {
        ScriptedChatClient client = new ScriptedChatClient(r -> {
            throw new AssertionError("must not be called");
        });
        TaskProfile profile = analyzer(client, (m, p, o) -> new SpendGate.Admission.Denied("no budget"),
                new JdbiCallLog(Database.open(dir.resolve("b.db")))).analyze("how are you today?");
        assertThat(profile.source()).isEqualTo(TaskProfile.Source.DETERMINISTIC);
    }

    /**
     * The first call uses up the whole deadline (the model never answers in time), so the second call
     * on the same instance, a retry of the same question, must give up at once without calling.
     */
    @Test
    void aRetryGetsOnlyWhatIsLeftOfTheDeadline() throws InterruptedException {
        Stalled stalled = new Stalled("not json");
        AnalysisModel model = model(stalled.client, SpendGate.UNLIMITED,
                new JdbiCallLog(Database.open(dir.resolve("d.db"))), Duration.ofMillis(200));
        try {
            // the bound only turns a missing deadline into a failure instead of a hang
            assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> model.complete("system", "first")))
                    .isEmpty();
            assertThat(stalled.calls.await(10, TimeUnit.SECONDS)).as("the first call reached the model").isTrue();
            assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> model.complete("system", "retry")))
                    .isEmpty();
        } finally {
            stalled.release.countDown();
        }
        assertThat(stalled.client.requests()).as("the retry had no time left, so it never called").hasSize(1);
    }

    /**
     * The first reply breaks the contract, the retry stalls: the question goes on with the built-in
     * profile once the deadline passes. The bound is no timing claim, only what turns a missing
     * deadline (a question held up until the model answers) into a failure rather than a hung build.
     */
    @Test
    void aStalledRetryDoesNotHoldTheQuestionUp() {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger replies = new java.util.concurrent.atomic.AtomicInteger();
        ScriptedChatClient client = new ScriptedChatClient(r -> {
            if (replies.getAndIncrement() > 0) {
                await(release);
            }
            return new ChatOutcome.Completed("not json", Usage.ZERO, "m", FinishReason.STOP);
        });
        ModelAnalyzer analyzer = new ModelAnalyzer(model(client, SpendGate.UNLIMITED,
                new JdbiCallLog(Database.open(dir.resolve("e.db"))), Duration.ofMillis(500)), new JsonVerdictParser(),
                new DeterministicAnalyzer());
        try {
            TaskProfile profile = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> analyzer.analyze("translate 'good night' to German"));
            assertThat(profile.source()).isEqualTo(TaskProfile.Source.DETERMINISTIC);
            assertThat(client.requests()).as("the bad first reply was retried").hasSize(2);
        } finally {
            release.countDown();
        }
    }

    /** A model that never answers within the deadline: the question goes on, the call settles later. */
    @Test
    void slowModelDoesNotHoldTheQuestionUp() throws InterruptedException {
        Stalled stalled = new Stalled("{}");
        JdbiCallLog calls = new JdbiCallLog(Database.open(dir.resolve("c.db")));
        ModelAnalyzer analyzer = new ModelAnalyzer(model(stalled.client, SpendGate.UNLIMITED, calls,
                Duration.ofMillis(200)), new JsonVerdictParser(), new DeterministicAnalyzer());
        TaskProfile profile;
        try {
            profile = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> analyzer.analyze("translate 'good morning' to French"));
        } finally {
            stalled.release.countDown();
        }
        assertThat(profile.source()).isEqualTo(TaskProfile.Source.DETERMINISTIC);
        // the abandoned call still finishes in the background and is recorded like any other
        for (int i = 0; i < 1_000 && calls.recent(5).isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertThat(calls.recent(5)).singleElement().satisfies(c -> assertThat(c.purpose()).isEqualTo("analysis"));
    }

    /** A model whose every reply waits until {@code release} opens; {@code calls} opens once the first arrives. */
    private static final class Stalled {
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch calls = new java.util.concurrent.CountDownLatch(1);
        final ScriptedChatClient client;

        Stalled(String reply) {
            client = new ScriptedChatClient(r -> {
                calls.countDown();
                await(release);
                return new ChatOutcome.Completed(reply, Usage.ZERO, "m", FinishReason.STOP);
            });
        }
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ModelAnalyzer analyzer(ScriptedChatClient client, SpendGate gate, JdbiCallLog calls) {
        return new ModelAnalyzer(model(client, gate, calls, Duration.ofSeconds(5)), new JsonVerdictParser(),
                new DeterministicAnalyzer());
    }

    private static AnalysisModel model(ScriptedChatClient client, SpendGate gate, JdbiCallLog calls, Duration deadline) {
        ProviderGuard guard = new ProviderGuard("scripted", client, ResilienceSettings.DEFAULTS, Clock.systemUTC(),
                wait -> { }, new ProviderMetrics());
        Function<ModelSpec, ProviderGuard> guards = m -> guard;
        return new AnalysisModel(MINI, new FallbackChain(guards, FallbackChain.FailureObserver.LOG_ONLY), gate, calls,
                new Asker(1, 1), deadline, Clock.systemUTC());
    }
}
