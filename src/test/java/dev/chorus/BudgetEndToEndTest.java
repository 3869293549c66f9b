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
 * Budgets through the real bot: 200 people ask at once against a global budget that fits exactly
 * 20 answers. The model's price makes a call's worst case equal its real cost (8 output tokens at
 * $1,000 per million, input free, answers capped at 8 tokens), so exactly 20 fit whatever the timing.
 */
class BudgetEndToEndTest {
    private static final int PEOPLE = 200;
    private static final long ADMIN = 3001;

    @TempDir
    static Path dir;
    static BotHarness bot;

    @BeforeAll
    static void start() throws Exception {
        bot = BotHarness.start(dir,
                "models.exact-model.provider=backup",
                "models.exact-model.context-window=100000",
                "models.exact-model.price.input=0",
                "models.exact-model.price.output=1000",
                "answer.max-tokens=8",
                "model.default=exact-model",
                // Only exact-model can be used: no OpenAI key, and the harness's backup model points nowhere.
                "openai.api-key=",
                "models.backup-model.provider=nowhere",
                // and so it cannot stand in either: listing it would stop the start
                "model.fallbacks=",
                "budget.global=0.16/day",
                "admins=" + ADMIN);
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    @Test
    void twoHundredParallelAsksSpendExactlyTheGlobalBudget() throws Exception {
        long mark = bot.telegram.mark();
        List<BotCall> replies = bot.telegram.burstOfPrivateQuestions(BotHarness.TOKEN, 10_000, PEOPLE, "What is Rust?",
                Duration.ofSeconds(90));

        List<BotCall> answered = replies.stream().filter(c -> c.text().startsWith("Rust is a memory-safe")).toList();
        List<BotCall> refused = replies.stream().filter(c -> c.text().startsWith("The bot's overall budget for today is used up"))
                .toList();
        assertThat(replies.stream().filter(c -> !answered.contains(c) && !c.text().startsWith("The bot's overall"))
                .map(BotCall::text).toList()).isEmpty();
        assertThat(answered).hasSize(20);
        assertThat(refused).hasSize(PEOPLE - 20);
        assertThat(refused.getFirst().text()).contains("$0 of $0.16 left", "It resets ");
        assertThat(answered.getFirst().text()).contains("exact-model · ", " · $0.008 · ");

        Database db = Database.open(dir.resolve("data/chorus.db"));
        assertThat(sum(db, "scope_kind = 'global' AND kind = 'charge'")).isEqualTo(160_000);
        assertThat(sum(db, "kind IN ('hold', 'release')")).isZero();
        assertThat(bot.backup.requests()).hasSize(20);

        // The admin heard about 50 %, 80 % and 100 % of the global budget, once each.
        List<BotCall> alerts = bot.telegram.await(mark, Duration.ofSeconds(30),
                calls -> BotCall.messagesTo(calls, ADMIN).size() >= 3).stream()
                .filter(c -> c.is("sendMessage") && c.chatId() == ADMIN).toList();
        assertThat(alerts).extracting(BotCall::text).anySatisfy(t -> assertThat(t).contains("the whole bot has used 50%"))
                .anySatisfy(t -> assertThat(t).contains("80%")).anySatisfy(t -> assertThat(t).contains("100%"));
        assertThat(alerts).hasSize(3);
        assertThat(alerts.getFirst().text()).contains("/budget set global &lt;amount&gt;/&lt;day|week|month&gt;");
    }

    private static long sum(Database db, String where) {
        Long value = db.jdbi().withHandle(h -> h.createQuery("SELECT COALESCE(SUM(amount_micros), 0) FROM ledger WHERE "
                + where).mapTo(Long.class).one());
        return value;
    }
}
