package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.testing.BotCall;
import dev.chorus.testing.BotHarness;
import dev.chorus.testing.TelegramEmulator;
import dev.chorus.testing.TelegramUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answer cache through the real bot: a question asked again in the same chat, in the same or
 * other words, comes from the cache, says so and what it saved, costs nothing, can be rated and asked
 * afresh; another chat, another group member (until the admins share), a question about today and a
 * follow-up never get a kept answer.
 */
class CacheEndToEndTest {
    private static final String TOKEN = BotHarness.TOKEN;

    @TempDir
    static Path dir;
    static BotHarness bot;
    static TelegramEmulator telegram;

    @BeforeAll
    static void start() throws Exception {
        bot = BotHarness.start(dir);
        telegram = bot.telegram;
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    @Test
    void aRepeatedQuestionIsServedFromTheCacheSayingWhatItSaved() {
        TelegramUser ola = new TelegramUser(9601, "Ola", "ola");
        BotCall first = ask(ola, "What is Rust?");
        assertThat(first.text()).doesNotContain("from cache");
        int calls = bot.openAi.requests().size();

        telegram.sendPrivate(TOKEN, ola, "/new");
        BotCall again = ask(ola, "what is  RUST");
        assertThat(again.text()).contains("Rust is a memory-safe systems language.")
                .containsPattern("⚡ from cache · gpt-4o-mini · saved \\$0\\.0000\\d+");
        assertThat(bot.openAi.requests()).as("no model was called").hasSize(calls);
        JsonNode rows = again.body().path("reply_markup").path("inline_keyboard");
        assertThat(rows.toString()).contains("↻ Fresh answer").contains("👍");

        long pressed = telegram.mark();
        JsonNode fresh = null;
        for (JsonNode row : rows) {
            for (JsonNode button : row) {
                if (button.path("text").asText().equals("↻ Fresh answer")) {
                    fresh = button;
                }
            }
        }
        telegram.pressButton(TOKEN, ola, ola.id(), again.result().path("message_id").asInt(),
                fresh.path("callback_data").asText());
        BotCall renewed = telegram.await(pressed, Duration.ofSeconds(10), c -> c.stream()
                .anyMatch(x -> x.chatId() == ola.id() && x.text().contains("<i>— gpt-4o-mini"))).stream()
                .filter(x -> x.chatId() == ola.id() && x.text().contains("<i>— gpt-4o-mini")).findFirst().orElseThrow();
        assertThat(renewed.text()).doesNotContain("from cache");
        assertThat(bot.openAi.requests()).as("asked afresh").hasSize(calls + 1);
    }

    @Test
    void anotherChatAQuestionAboutTodayAndAFollowUpAreNeverServedAKeptAnswer() {
        // one person asks at most six questions a minute: each case has its own
        TelegramUser pia = new TelegramUser(9602, "Pia", "pia");
        TelegramUser quin = new TelegramUser(9603, "Quin", "quin");
        TelegramUser ray = new TelegramUser(9604, "Ray", "ray");
        TelegramUser sam = new TelegramUser(9605, "Sam", "sam");
        ask(pia, "Explain monads briefly");
        assertThat(ask(quin, "Explain monads briefly").text()).as("never across chats").doesNotContain("from cache");

        ask(ray, "What is the news today?");
        telegram.sendPrivate(TOKEN, ray, "/new");
        assertThat(ask(ray, "What is the news today?").text()).as("depends on the time").doesNotContain("from cache");

        ask(sam, "Name a prime");
        assertThat(ask(sam, "Name a prime").text()).as("a follow-up in the same conversation")
                .doesNotContain("from cache");
    }

    @Test
    void aRewordedQuestionIsServedFromTheCacheButACloseOneWithAnotherNameIsNot() {
        TelegramUser tia = new TelegramUser(9606, "Tia", "tia");
        ask(tia, "How do I reverse a list in Python?");
        int calls = bot.openAi.requests().size();
        telegram.sendPrivate(TOKEN, tia, "/new");
        assertThat(ask(tia, "What's the way to reverse a Python list?").text()).contains("⚡ from cache");
        assertThat(bot.openAi.requests()).as("no model was called").hasSize(calls);
        telegram.sendPrivate(TOKEN, tia, "/new");
        assertThat(ask(tia, "How do I reverse a list in JavaScript?").text()).doesNotContain("from cache");
    }

    @Test
    void groupMembersAreServedOnlyTheirOwnKeptAnswersUntilAnAdminSharesThem() {
        long group = -960_700;
        TelegramUser uma = new TelegramUser(9607, "Uma", "uma");
        TelegramUser vic = new TelegramUser(9608, "Vic", "vic");
        telegram.setChatAdmins(group, uma);
        String question = "/ask@" + telegram.botUsername() + " What is a B-tree?";
        askInGroup(uma, group, question);
        assertThat(askInGroup(vic, group, question).text()).as("Uma's answer is hers").doesNotContain("from cache");

        long mark = telegram.mark();
        telegram.sendGroup(TOKEN, vic, group, "/cache@" + telegram.botUsername() + " share");
        assertThat(telegram.awaitMessages(mark, group, 1).get(0).text()).contains("Only this group's admins");
        mark = telegram.mark();
        telegram.sendGroup(TOKEN, uma, group, "/cache@" + telegram.botUsername() + " share");
        assertThat(telegram.awaitMessages(mark, group, 1).get(0).text()).contains("Shared");

        TelegramUser wes = new TelegramUser(9609, "Wes", "wes");
        assertThat(askInGroup(wes, group, question).text()).as("what was asked before stays its asker's")
                .doesNotContain("from cache");
        String another = "/ask@" + telegram.botUsername() + " What is a trie?";
        askInGroup(uma, group, another);
        assertThat(askInGroup(wes, group, another).text()).as("shared from now on").contains("⚡ from cache");
    }

    private static BotCall ask(TelegramUser user, String text) {
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, user, text);
        List<BotCall> calls = telegram.await(mark, Duration.ofSeconds(10), c -> c.stream()
                .anyMatch(x -> x.chatId() == user.id() && x.text().contains("<i>—")));
        return calls.stream().filter(x -> x.chatId() == user.id() && x.text().contains("<i>—")).findFirst().orElseThrow();
    }

    private static BotCall askInGroup(TelegramUser user, long group, String text) {
        long mark = telegram.mark();
        telegram.sendGroup(TOKEN, user, group, text);
        List<BotCall> calls = telegram.await(mark, Duration.ofSeconds(10), c -> c.stream()
                .anyMatch(x -> x.chatId() == group && x.text().contains("<i>—")));
        return calls.stream().filter(x -> x.chatId() == group && x.text().contains("<i>—")).findFirst().orElseThrow();
    }
}
