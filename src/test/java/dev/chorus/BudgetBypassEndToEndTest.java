package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.testing.BotHarness;
import dev.chorus.testing.TelegramUser;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group admins may only divide what the bot's admins allow: a refused person cannot let themselves
 * in through a group of their own, a person held at $0 stays at $0 in a group, and a group's own
 * admin cannot raise its budget past the ceiling.
 */
class BudgetBypassEndToEndTest {
    static final long ADMIN = 8001;

    @TempDir
    static Path dir;
    static BotHarness bot;

    @BeforeAll
    static void start() throws Exception {
        bot = BotHarness.start(dir, "budget.unknown-users=refuse", "admins=" + ADMIN);
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    @Test
    void aRefusedPersonCannotLetThemselvesInThroughTheirOwnGroup() {
        TelegramUser eve = new TelegramUser(8002, "Eve", "eve");
        long group = -800_201L;
        bot.telegram.setChatAdmins(group, eve);
        long mark = bot.telegram.mark();
        bot.telegram.sendGroup(BotHarness.TOKEN, eve, group, "/budget@" + BotHarness.BOT + " set group 1000/day");
        assertThat(bot.telegram.awaitMessages(mark, group, 1).getFirst().text())
                .startsWith("That is more than this group may have: at most $5.00 per day");
        bot.telegram.sendGroup(BotHarness.TOKEN, eve, group, "/budget@" + BotHarness.BOT + " set group 2/day");
        assertThat(bot.telegram.awaitMessages(mark, group, 2).get(1).text()).startsWith("Done: ");
        int before = bot.openAi.requests().size();
        bot.telegram.sendGroup(BotHarness.TOKEN, eve, group, "/ask@" + BotHarness.BOT + " What is Rust?");
        assertThat(bot.telegram.awaitMessages(mark, group, 3).get(2).text())
                .startsWith("This bot answers only people an admin has given a budget.");
        assertThat(bot.openAi.requests()).hasSize(before);
    }

    @Test
    void aPersonHeldAtZeroStaysAtZeroInAGroupTheBotAdminsAllowed() {
        TelegramUser admin = new TelegramUser(ADMIN, "Ada", "ada");
        TelegramUser zed = new TelegramUser(8003, "Zed", "zed");
        long group = -800_301L;
        long mark = bot.telegram.mark();
        bot.telegram.sendPrivate(BotHarness.TOKEN, zed, "hello"); // so the bot knows @zed
        bot.telegram.sendPrivate(BotHarness.TOKEN, admin, "/budget set @zed 0/day");
        assertThat(bot.telegram.awaitMessages(mark, admin.id(), 1).getFirst().text())
                .startsWith("Done: The budget of @zed is now $0 per day");
        bot.telegram.sendGroup(BotHarness.TOKEN, admin, group, "/budget@" + BotHarness.BOT + " set group 5/day");
        assertThat(bot.telegram.awaitMessages(mark, group, 1).getFirst().text()).startsWith("Done: this group's budget");
        int before = bot.openAi.requests().size();
        bot.telegram.sendGroup(BotHarness.TOKEN, zed, group, "/ask@" + BotHarness.BOT + " What is Rust?");
        assertThat(bot.telegram.awaitMessages(mark, group, 2).get(1).text()).startsWith("Your budget for today is used up");
        assertThat(bot.openAi.requests()).hasSize(before);
        // the group itself works for others
        TelegramUser amy = new TelegramUser(8004, "Amy", "amy");
        bot.telegram.sendGroup(BotHarness.TOKEN, amy, group, "/ask@" + BotHarness.BOT + " What is Rust?");
        assertThat(bot.telegram.awaitMessages(mark, group, 3).get(2).text()).startsWith("Rust is a memory-safe");
    }

    @Test
    void groupWordsInAPrivateChatAndUserZeroAreExplained() {
        TelegramUser admin = new TelegramUser(ADMIN, "Ada", "ada");
        long mark = bot.telegram.mark();
        bot.telegram.sendPrivate(BotHarness.TOKEN, admin, "/budget set group 1/day");
        bot.telegram.sendPrivate(BotHarness.TOKEN, admin, "/budget set 0 1/day");
        bot.telegram.sendPrivate(BotHarness.TOKEN, admin, "/budget set 7 99999999999/day");
        var replies = bot.telegram.awaitMessages(mark, admin.id(), 3);
        assertThat(replies.get(0).text()).startsWith("'group' works only in a group chat");
        assertThat(replies.get(1).text()).startsWith("0 is not a Telegram user id");
        assertThat(replies.get(2).text()).contains("more than $1,000,000");
    }
}
