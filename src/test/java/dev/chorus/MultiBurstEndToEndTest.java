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
 * Fifty people start /multi at once against a global budget that pays for only some of the runs:
 * whatever the timing, the money charged never passes the budget and nothing stays held. Every
 * answer is 8 tokens at $1,000 per million output tokens (8,000 µ$); the budget is $0.5.
 */
class MultiBurstEndToEndTest {
    private static final int PEOPLE = 50;
    private static final long BUDGET_MICROS = 500_000;

    @TempDir
    static Path dir;
    static BotHarness bot;

    @BeforeAll
    static void start() throws Exception {
        bot = BotHarness.start(dir, "catalog.builtin=false", "model.default=auto", "model.fallbacks=",
                "answer.max-tokens=8", "provider.max-concurrent-calls=200", "budget.global=0.5/day",
                "models.one.provider=openai", "models.one.api-model=gpt-4o-mini", "models.one.context-window=100000",
                "models.one.price.input=0", "models.one.price.output=1000", "models.one.capabilities=all:0.8",
                "models.two.provider=backup", "models.two.context-window=100000",
                "models.two.price.input=0", "models.two.price.output=1000", "models.two.capabilities=all:0.8",
                "models.backup-model.provider=nowhere");
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    @Test
    void fiftyRunsAtABudgetEdgeNeverOverspend() {
        List<BotCall> replies = bot.telegram.burstOfPrivateQuestions(BotHarness.TOKEN, 30_000, PEOPLE,
                "/multi parallel What is Rust?", Duration.ofSeconds(120));
        assertThat(replies.stream().map(BotCall::chatId).distinct()).hasSize(PEOPLE);
        assertThat(replies).anySatisfy(r -> assertThat(r.text()).contains("🎼 parallel"));
        try (Database db = Database.open(dir.resolve("data/chorus.db"))) {
            Long charged = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COALESCE(SUM(amount_micros), 0) FROM ledger WHERE scope_kind = 'global' AND kind = 'charge'")
                    .mapTo(Long.class).one());
            Long held = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COALESCE(SUM(amount_micros), 0) FROM ledger WHERE kind IN ('hold', 'release')")
                    .mapTo(Long.class).one());
            // the runs asked for far more than the budget: it was spent up to its edge, and not a micro-dollar past it
            assertThat(charged).isGreaterThan(BUDGET_MICROS / 2).isLessThanOrEqualTo(BUDGET_MICROS);
            assertThat(held).isZero();
        }
    }
}
