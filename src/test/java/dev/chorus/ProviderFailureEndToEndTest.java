package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.testing.BotCall;
import dev.chorus.testing.BotHarness;
import dev.chorus.testing.FakeOpenAi;
import dev.chorus.testing.TelegramUser;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Providers failing while a user waits, through the real bot: the fallback model answers and says
 * so, and when every provider is down the user gets one clear message. Its own bot, so the circuit
 * breakers these failures move do not touch the other end-to-end tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProviderFailureEndToEndTest {
    @TempDir
    static Path dir;
    static BotHarness bot;

    @BeforeAll
    static void start() throws Exception {
        // No retries: each scenario is one failed call per provider, well inside the breakers' thresholds.
        bot = BotHarness.start(dir, "provider.max-retries=0", "admins=2001");
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
        assertThat(bot.log.text()).doesNotContain(BotHarness.TOKEN).doesNotContain(BotHarness.API_KEY);
    }

    @Test
    @Order(1)
    void whenTheFirstModelFailsTheFallbackAnswersAndIsNamed() {
        TelegramUser user = new TelegramUser(2001, "Ria", "ria");
        long mark = bot.telegram.mark();
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "What is Rust? " + FakeOpenAi.FAIL_PRIMARY);
        BotCall answer = bot.telegram.awaitMessages(mark, user.id(), 1).getFirst();
        // 23 prompt tokens × $0.25/M + 8 output tokens × $1/M = 13.75 micro-dollars; the failed call cost nothing.
        assertThat(answer.text()).startsWith("Rust is a memory-safe systems language.\n\n<i>— backup-model · ")
                .contains(" · $0.000014 · ").endsWith(" · stood in for gpt-4o-mini</i>");
        assertThat(bot.openAi.requests()).hasSize(1);
        assertThat(bot.backup.requests()).hasSize(1);
    }

    @Test
    @Order(2)
    void adminStatusShowsEveryProvider() {
        TelegramUser admin = new TelegramUser(2001, "Ria", "ria");
        long mark = bot.telegram.mark();
        bot.telegram.sendPrivate(BotHarness.TOKEN, admin, "/status");
        String status = bot.telegram.awaitMessages(mark, admin.id(), 1).getFirst().text();
        assertThat(status).startsWith("<pre>provider").contains("backup ", "openai ");
    }

    @Test
    @Order(3)
    void refusedKeyIsReportedToTheAdminWhileTheFallbackAnswers() {
        TelegramUser user = new TelegramUser(2003, "Tia", "tia");
        long admin = 2001;
        long mark = bot.telegram.mark();
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "What is Rust? " + FakeOpenAi.AUTH_PRIMARY);
        assertThat(bot.telegram.awaitMessages(mark, user.id(), 1).getFirst().text()).contains("backup-model");
        String alert = bot.telegram.awaitMessages(mark, admin, 1).getFirst().text();
        assertThat(alert).contains("openai refused the bot&#39;s API key".replace("&#39;", "'"))
                .contains("openai.api-key (env OPENAI_API_KEY)")
                .doesNotContain(BotHarness.API_KEY);
    }

    @Test
    @Order(4)
    void whenEveryProviderFailsTheUserGetsOneClearMessage() {
        TelegramUser user = new TelegramUser(2002, "Sam", "sam");
        long mark = bot.telegram.mark();
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "this will fail " + FakeOpenAi.FAIL_500);
        BotCall reply = bot.telegram.awaitMessages(mark, user.id(), 1).getFirst();
        assertThat(reply.text()).isEqualTo("No model is answering right now. Please try again in a little while.");
        assertThat(bot.telegram.callsSince(mark).stream().filter(c -> c.is("sendMessage"))).hasSize(1);
    }
}
