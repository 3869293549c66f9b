package dev.chorus.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.config.ResilienceSettings;
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

    @Test
    void aRetryGetsOnlyWhatIsLeftOfTheDeadline() {
        // each reply takes most of the deadline, and the first is no profile, so the analyzer retries
        ScriptedChatClient client = slow(700, "not json");
        ModelAnalyzer analyzer = new ModelAnalyzer(model(client, SpendGate.UNLIMITED,
                new JdbiCallLog(Database.open(dir.resolve("d.db"))), Duration.ofMillis(1_000)), new DeterministicAnalyzer());
        new DeterministicAnalyzer().analyze("warm up"); // the tokenizer loads on first use, in about a second
        long start = System.nanoTime();
        TaskProfile profile = analyzer.analyze("translate 'good night' to German");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(profile.source()).isEqualTo(TaskProfile.Source.DETERMINISTIC);
        // the retry was cut at the first call's deadline, not given a second full one
        assertThat(tookMillis).isLessThan(1_350); // two full calls take over 1.4 s
        assertThat(client.requests()).hasSizeBetween(1, 2);
    }

    @Test
    void slowModelDoesNotHoldTheQuestionUp() {
        ScriptedChatClient client = slow(3_000, "{}");
        ModelAnalyzer analyzer = new ModelAnalyzer(model(client, SpendGate.UNLIMITED,
                new JdbiCallLog(Database.open(dir.resolve("c.db"))), Duration.ofMillis(200)), new DeterministicAnalyzer());
        long start = System.nanoTime();
        TaskProfile profile = analyzer.analyze("translate 'good morning' to French");
        assertThat(profile.source()).isEqualTo(TaskProfile.Source.DETERMINISTIC);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
    }

    /** A model that takes {@code millis} for every reply. */
    private static ScriptedChatClient slow(long millis, String reply) {
        return new ScriptedChatClient(r -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new ChatOutcome.Completed(reply, Usage.ZERO, "m", FinishReason.STOP);
        });
    }

    private static ModelAnalyzer analyzer(ScriptedChatClient client, SpendGate gate, JdbiCallLog calls) {
        return new ModelAnalyzer(model(client, gate, calls, Duration.ofSeconds(5)), new DeterministicAnalyzer());
    }

    private static AnalysisModel model(ScriptedChatClient client, SpendGate gate, JdbiCallLog calls, Duration deadline) {
        ProviderGuard guard = new ProviderGuard("scripted", client, ResilienceSettings.DEFAULTS, Clock.systemUTC(),
                wait -> { }, new ProviderMetrics());
        Function<ModelSpec, ProviderGuard> guards = m -> guard;
        return new AnalysisModel(MINI, new FallbackChain(guards, FallbackChain.FailureObserver.LOG_ONLY), gate, calls,
                new Asker(1, 1), deadline, Clock.systemUTC());
    }
}
