package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.testing.BotCall;
import dev.chorus.testing.BotHarness;
import dev.chorus.testing.TelegramUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A careless or hostile user through the real bot: bursts, invisible text, pasted walls of text. */
class AbuseEndToEndTest {
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
    void twentyMessagesInASecondMakeThreeModelCallsAndTheRestAreToldWhenToTryAgain() {
        TelegramUser user = new TelegramUser(7101, "Flo", "flo");
        long mark = bot.telegram.mark();
        int before = bot.openAi.requests().size();
        for (int i = 0; i < 20; i++) {
            bot.telegram.sendPrivate(BotHarness.TOKEN, user, "What is Rust? (" + i + ")");
        }
        List<BotCall> replies = BotCall.deliveredTo(bot.telegram.await(mark, Duration.ofSeconds(60),
                calls -> BotCall.deliveredTo(calls, user.id()).size() >= 20), user.id());
        List<BotCall> answers = replies.stream().filter(c -> c.text().startsWith("Rust is a memory-safe")).toList();
        List<BotCall> slowDown = replies.stream().filter(c -> c.text().startsWith("You are asking faster than I can "
                + "answer. Please try again in ")).toList();
        assertThat(answers).hasSize(3);
        assertThat(slowDown).hasSize(17);
        assertThat(slowDown.getFirst().text()).matches("(?s).*try again in \\d+ s\\.");
        assertThat(bot.openAi.requests().size() - before).isEqualTo(3);
    }

    @Test
    void aQuestionOfOnlyInvisibleCharactersIsNotSentToAModel() {
        TelegramUser user = new TelegramUser(7102, "Gus", "gus");
        long mark = bot.telegram.mark();
        int before = bot.openAi.requests().size();
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "/ask \u200B\u200C\u200D\u2060\uFEFF\u3164");
        assertThat(bot.telegram.awaitMessages(mark, user.id(), 1).getFirst().text())
                .startsWith("Please add your question after the command");
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "\u200B\u200B\u200B");
        assertThat(bot.telegram.awaitMessages(mark, user.id(), 2).get(1).text())
                .startsWith("Please add your question after the command");
        assertThat(bot.openAi.requests().size()).isEqualTo(before);
    }

    @Test
    void aPastedWallOfTextIsQuotedBackShortInOneMessage() {
        TelegramUser user = new TelegramUser(7103, "Hu", "hu");
        long mark = bot.telegram.mark();
        String wall = "x".repeat(5000);
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "/model " + wall);
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "/mode " + wall);
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "/budget set " + wall + " 1/day");
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "/help");
        List<BotCall> replies = bot.telegram.awaitMessages(mark, user.id(), 4);
        assertThat(replies.get(3).text()).startsWith("Commands:");
        for (BotCall reply : replies.subList(0, 3)) {
            assertThat(reply.text()).hasSizeLessThan(400).contains("x".repeat(32) + "…").doesNotContain("x".repeat(33));
        }
    }
}
