package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.store.Database;
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
 * Telegram goes away while an answer is being written: the finished answer waits in the outbox and
 * arrives, once, when Telegram is back; flood limits and server errors delay messages, never lose them.
 */
class OutageEndToEndTest {
    @TempDir
    static Path dir;
    static BotHarness bot;

    @BeforeAll
    static void start() throws Exception {
        bot = BotHarness.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    @Test
    void anAnswerFinishedDuringAnOutageIsDeliveredOnceTelegramIsBack() {
        TelegramUser user = new TelegramUser(5101, "Oda", "oda");
        long mark = bot.telegram.mark();
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "Tell me slowly " + FakeOpenAi.SLOW_ANSWER);
        // the bot has the question once it shows the answer growing; then Telegram goes away for 8 s
        bot.telegram.await(mark, Duration.ofSeconds(20), calls -> calls.stream()
                .anyMatch(c -> c.is("sendMessageDraft") && c.chatId() == user.id()));
        bot.telegram.outage(Duration.ofSeconds(8));
        long outageStart = System.nanoTime();

        List<BotCall> answers = bot.telegram.await(mark, Duration.ofSeconds(60),
                calls -> !BotCall.messagesTo(calls, user.id()).isEmpty()).stream()
                .filter(c -> c.is("sendMessage") && c.chatId() == user.id()).toList();
        assertThat(Duration.ofNanos(System.nanoTime() - outageStart)).isGreaterThan(Duration.ofSeconds(7));
        assertThat(answers).singleElement().satisfies(a -> assertThat(a.text())
                .startsWith("Streaming, word by word").contains("<i>— gpt-4o-mini · "));
        // nothing more comes: it was sent once
        sleep(Duration.ofSeconds(3));
        assertThat(BotCall.messagesTo(bot.telegram.callsSince(mark), user.id())).hasSize(1);
        Database db = Database.open(dir.resolve("data/chorus.db"));
        long pending = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE state = 'pending'")
                .mapTo(Long.class).one());
        assertThat(pending).isZero();
        db.close();
    }

    @Test
    void floodLimitsAndServerErrorsDelayAMessageButDoNotLoseIt() {
        TelegramUser user = new TelegramUser(5102, "Pia", "pia");
        long mark = bot.telegram.mark();
        bot.telegram.failNext("sendMessage", 429, "Too Many Requests: retry after 2", 2, 1);
        bot.telegram.failNext("sendMessage", 502, "Bad Gateway", null, 2);
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "/help");
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "/start");
        List<BotCall> sent = BotCall.deliveredTo(bot.telegram.await(mark, Duration.ofSeconds(30),
                calls -> BotCall.deliveredTo(calls, user.id()).size() >= 2), user.id());
        // in order, each once
        assertThat(sent.get(0).text()).startsWith("Commands:");
        assertThat(sent.get(1).text()).startsWith("Hi! I'm Chorus.");
        sleep(Duration.ofSeconds(2));
        assertThat(BotCall.deliveredTo(bot.telegram.callsSince(mark), user.id())).hasSize(2);
    }

    @Test
    void aBlockedChatIsGivenUpWithoutHoldingOthers() {
        TelegramUser gone = new TelegramUser(5103, "Quin", "quin");
        TelegramUser other = new TelegramUser(5104, "Rae", "rae");
        long mark = bot.telegram.mark();
        bot.telegram.failNext("sendMessage", 403, "Forbidden: bot was blocked by the user", null, 1);
        bot.telegram.sendPrivate(BotHarness.TOKEN, gone, "/help");
        bot.telegram.awaitMessages(mark, gone.id(), 0);
        bot.telegram.sendPrivate(BotHarness.TOKEN, other, "/help");
        assertThat(bot.telegram.awaitMessages(mark, other.id(), 1).getFirst().text()).startsWith("Commands:");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
