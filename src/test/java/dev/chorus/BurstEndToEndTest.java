package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.store.Database;
import dev.chorus.testing.BotCall;
import dev.chorus.testing.BotHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sixty people ask at once against a budget that holds only a few answers' worst case at a time but
 * pays for every answer they really get: nobody is told the budget is used up while it is not.
 * Each answer holds 512 output tokens × $10/M = 5,120 µ$ while it streams (nine fit in $0.05) and
 * really costs 8 × $10/M = 80 µ$, so all sixty fit the budget many times over.
 */
class BurstEndToEndTest {
    private static final int PEOPLE = 60;

    @TempDir
    static Path dir;
    static BotHarness bot;

    @BeforeAll
    static void start() throws Exception {
        bot = BotHarness.start(dir,
                "models.burst-model.provider=backup",
                "models.burst-model.context-window=100000",
                "models.burst-model.price.input=0",
                "models.burst-model.price.output=10",
                "model.default=burst-model",
                "model.fallbacks=",
                "openai.api-key=",
                "models.backup-model.provider=nowhere",
                "provider.max-concurrent-calls=100",
                "budget.global=0.05/day");
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    @Test
    void aBurstAtABudgetEdgeIsAnsweredWhileTheBudgetReallyHasRoom() throws Exception {
        List<BotCall> replies = bot.telegram.burstOfPrivateQuestions(BotHarness.TOKEN, 20_000, PEOPLE, "What is Rust?",
                Duration.ofSeconds(90));
        assertThat(replies).extracting(BotCall::text).allSatisfy(t -> assertThat(t).startsWith("Rust is a memory-safe"));
        try (Database db = Database.open(dir.resolve("data/chorus.db"))) {
            Long charged = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT SUM(amount_micros) FROM ledger WHERE scope_kind = 'global' AND kind = 'charge'")
                    .mapTo(Long.class).one());
            Long held = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COALESCE(SUM(amount_micros), 0) FROM ledger WHERE kind IN ('hold', 'release')")
                    .mapTo(Long.class).one());
            assertThat(charged).isEqualTo(PEOPLE * 80L);
            assertThat(held).isZero();
        }
    }
}
