package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.testing.BotCall;
import dev.chorus.testing.BotHarness;
import dev.chorus.testing.TelegramUser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot speaks each person's language: Russian to a Telegram app set to Russian, English to the
 * rest, and what they choose with /language, also after a restart. Models are told to answer in the
 * language of the question.
 */
class LanguageEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aRussianAppGetsRussianRepliesAndAnEnglishOneEnglishInTheSameGroup() throws Exception {
        TelegramUser olga = new TelegramUser(4301, "Olga", "olga", "ru");
        TelegramUser tom = new TelegramUser(4302, "Tom", "tom", "en-GB");
        try (BotHarness bot = BotHarness.start(dir, "model.default=auto", "model.fallbacks=")) {
            long mark = bot.telegram.mark();
            bot.telegram.sendPrivate(BotHarness.TOKEN, olga, "/start");
            assertThat(bot.telegram.awaitMessages(mark, olga.id(), 1).getFirst().text()).startsWith("Привет! Я Chorus.")
                    .contains("/ask", "/help");

            mark = bot.telegram.mark();
            bot.telegram.sendPrivate(BotHarness.TOKEN, olga, "Что такое Rust и зачем он нужен?");
            BotCall answer = bot.telegram.awaitMessages(mark, olga.id(), 1).getFirst();
            assertThat(answer.body().path("reply_markup").toString()).contains("Почему эта модель?", "Трассировка");
            List<JsonNode> requests = new ArrayList<>(bot.openAi.requests());
            requests.addAll(bot.backup.requests());
            JsonNode asked = requests.stream().filter(r -> r.toString().contains("Что такое Rust")).reduce((a, b) -> b)
                    .orElseThrow();
            assertThat(asked.path("messages").get(0).path("content").asText()).endsWith("Answer in Russian.");

            long group = -4300;
            mark = bot.telegram.mark();
            bot.telegram.sendGroup(BotHarness.TOKEN, olga, group, "/weather@" + bot.chorus.botUsername());
            List<BotCall> toGroup = bot.telegram.awaitMessages(mark, group, 1);
            assertThat(toGroup.getFirst().text()).isEqualTo("Я не знаю команды /weather. Что я умею — в /help.");
            mark = bot.telegram.mark();
            bot.telegram.sendGroup(BotHarness.TOKEN, tom, group, "/weather@" + bot.chorus.botUsername());
            assertThat(bot.telegram.awaitMessages(mark, group, 1).getFirst().text())
                    .isEqualTo("I don't know /weather. Send /help to see what I can do.");
        }
    }

    @Test
    void aChosenLanguageOutlivesARestart() throws Exception {
        TelegramUser ivan = new TelegramUser(4311, "Ivan", "ivan", "en");
        try (BotHarness before = BotHarness.start(dir, "model.default=auto", "model.fallbacks=")) {
            long mark = before.telegram.mark();
            before.telegram.sendPrivate(BotHarness.TOKEN, ivan, "/language");
            BotCall shown = before.telegram.awaitMessages(mark, ivan.id(), 1).getFirst();
            assertThat(shown.text()).startsWith("I speak English with you.");
            assertThat(shown.body().path("reply_markup").toString()).contains("Русский", "lang:ru");
            mark = before.telegram.mark();
            before.telegram.sendPrivate(BotHarness.TOKEN, ivan, "/language ru");
            assertThat(before.telegram.awaitMessages(mark, ivan.id(), 1).getFirst().text())
                    .isEqualTo("Теперь я говорю с вами: русский.");
        }
        try (BotHarness after = BotHarness.start(dir, "model.default=auto", "model.fallbacks=")) {
            long mark = after.telegram.mark();
            after.telegram.sendPrivate(BotHarness.TOKEN, ivan, "/help");
            assertThat(after.telegram.awaitMessages(mark, ivan.id(), 1).getFirst().text()).startsWith("Команды:")
                    .contains("/language — Язык: en или ru");
        }
    }
}
