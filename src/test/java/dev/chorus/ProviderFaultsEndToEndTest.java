package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.store.Database;
import dev.chorus.telegram.LiveAnswerNotices;
import dev.chorus.testing.BotCall;
import dev.chorus.testing.BotHarness;
import dev.chorus.testing.FakeOpenAi;
import dev.chorus.testing.TelegramUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Providers misbehaving, through the real bot: one that hangs is given up at the question's
 * deadline (and the user sees the bot is still waiting), one that ignores max_tokens is cut at it,
 * one that bills more than it was allowed is charged and reported once.
 */
class ProviderFaultsEndToEndTest {
    static final long ADMIN = 7201;

    @TempDir
    static Path dir;
    static BotHarness bot;

    @BeforeAll
    static void start() throws Exception {
        bot = BotHarness.start(dir, "answer.deadline-seconds=13", "provider.first-token-timeout-seconds=600",
                "provider.timeout-seconds=600", "answer.max-tokens=200", "model.fallbacks=", "admins=" + ADMIN);
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    @Test
    void aHangingProviderIsGivenUpAtTheDeadlineAndTheUserSeesTheBotWaiting() {
        TelegramUser user = new TelegramUser(7202, "Ida", "ida");
        long mark = bot.telegram.mark();
        long start = System.nanoTime();
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "Anything? " + FakeOpenAi.HANG);
        List<BotCall> calls = bot.telegram.await(mark, Duration.ofSeconds(40),
                c -> !BotCall.messagesTo(c, user.id()).isEmpty());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(calls).anySatisfy(c -> {
            assertThat(c.is("sendMessageDraft")).isTrue();
            assertThat(c.text()).isEqualTo(LiveAnswerNotices.WAITING);
        });
        assertThat(BotCall.messagesTo(calls, user.id()).getFirst().text())
                .isEqualTo("No model answered in time, so I stopped waiting. Please try again in a minute.");
        assertThat(took).isBetween(Duration.ofSeconds(12), Duration.ofSeconds(30));
    }

    @Test
    void aServerThatIgnoresMaxTokensIsCutAtItAndChargedNoMoreThanItWasAllowed() {
        TelegramUser user = new TelegramUser(7203, "Jo", "jo");
        long mark = bot.telegram.mark();
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "Go on forever " + FakeOpenAi.RUNAWAY);
        String answer = bot.telegram.awaitMessages(mark, user.id(), 1).getFirst().text();
        assertThat(answer).contains("(The answer reached its length limit and stops here.)");
        assertThat(answer.split("word", -1).length - 1).isBetween(150, 240);
        // gpt-4o-mini: $0.60 per million output tokens; at most 200 tokens and the cap's small margin
        assertThat(charged(user.id())).isPositive().isLessThan(200);
    }

    @Test
    void aProviderThatBillsMoreThanItWasAllowedIsChargedAndReportedOnce() {
        TelegramUser user = new TelegramUser(7204, "Kit", "kit");
        long mark = bot.telegram.mark();
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "Briefly " + FakeOpenAi.OVER_REPORT);
        assertThat(bot.telegram.awaitMessages(mark, user.id(), 1).getFirst().text()).startsWith("A short answer.");
        // 50,000 output tokens at $0.60 per million: what the provider says it used is what is charged
        assertThat(charged(user.id())).isGreaterThanOrEqualTo(30_000);
        List<BotCall> alerts = bot.telegram.awaitMessages(mark, ADMIN, 1);
        assertThat(alerts.getFirst().text()).contains("gpt-4o-mini billed", "it produced more than it was asked for");

        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "Again " + FakeOpenAi.OVER_REPORT);
        bot.telegram.awaitMessages(mark, user.id(), 2);
        sleep(Duration.ofSeconds(1));
        assertThat(BotCall.messagesTo(bot.telegram.callsSince(mark), ADMIN)).hasSize(1);
    }

    @Test
    void onlyTheAdminsMenuListsTheAdminCommands() {
        List<BotCall> menus = bot.telegram.callsSince(0).stream().filter(c -> c.is("setMyCommands")).toList();
        // in English for everyone, then again in Russian for apps set to Russian
        assertThat(menus).hasSize(4);
        assertThat(menus.get(0).body().has("scope")).isFalse();
        assertThat(menus.get(0).body().has("language_code")).isFalse();
        assertThat(menus.get(0).body().path("commands").toString()).contains("\"ask\"", "Ask a question")
                .doesNotContain("\"status\"");
        assertThat(menus.get(1).body().path("scope").path("chat_id").asText()).isEqualTo(String.valueOf(ADMIN));
        assertThat(menus.get(1).body().path("commands").toString()).contains("\"status\"");
        assertThat(menus.get(2).body().path("language_code").asText()).isEqualTo("ru");
        assertThat(menus.get(2).body().has("scope")).isFalse();
        assertThat(menus.get(2).body().path("commands").toString()).contains("\"ask\"", "Задать вопрос", "\"language\"")
                .doesNotContain("\"status\"");
        assertThat(menus.get(3).body().path("language_code").asText()).isEqualTo("ru");
        assertThat(menus.get(3).body().path("scope").path("chat_id").asText()).isEqualTo(String.valueOf(ADMIN));
        assertThat(menus.get(3).body().path("commands").toString()).contains("\"status\"", "Состояние провайдеров");
    }

    private static long charged(long userId) {
        try (Database db = Database.open(dir.resolve("data/chorus.db"))) {
            Long micros = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COALESCE(SUM(charged_micros), 0) FROM reservations WHERE user_id = :u")
                    .bind("u", userId).mapTo(Long.class).one());
            return micros;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
