package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.testing.BotCall;
import dev.chorus.testing.BotHarness;
import dev.chorus.testing.TelegramUser;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A /multi run dearer than multi.confirm-above is asked about first; Cancel spends nothing, Run runs it. */
class MultiCostEndToEndTest {
    @TempDir
    static Path dir;
    static BotHarness bot;

    @BeforeAll
    static void start() throws Exception {
        bot = BotHarness.start(dir, "model.default=auto", "model.fallbacks=", "multi.confirm-above=0.0001");
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    @Test
    void aDearRunIsConfirmedFirstAndCancelSpendsNothing() {
        TelegramUser user = new TelegramUser(9301, "Rex", "rex");
        long mark = bot.telegram.mark();
        int before = bot.openAi.requests().size() + bot.backup.requests().size();
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "/multi parallel What is Rust?");
        BotCall ask = bot.telegram.awaitMessages(mark, user.id(), 1).getFirst();
        assertThat(ask.text()).startsWith("This parallel run with 3 models may cost up to $").endsWith("Run it?");
        JsonNode buttons = ask.body().path("reply_markup").path("inline_keyboard").get(0);
        assertThat(buttons.get(0).path("text").asText()).isEqualTo("Run");
        int message = ask.result().path("message_id").asInt();
        bot.telegram.pressButton(BotHarness.TOKEN, user, user.id(), message, buttons.get(1).path("callback_data").asText());
        assertThat(bot.telegram.awaitMessages(mark, user.id(), 2).get(1).text()).isEqualTo("Cancelled. Nothing was spent.");
        assertThat(bot.openAi.requests().size() + bot.backup.requests().size()).isEqualTo(before);

        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "/multi parallel What is Rust?");
        BotCall again = bot.telegram.awaitMessages(mark, user.id(), 3).get(2);
        JsonNode run = again.body().path("reply_markup").path("inline_keyboard").get(0).get(0);
        bot.telegram.pressButton(BotHarness.TOKEN, user, user.id(), again.result().path("message_id").asInt(),
                run.path("callback_data").asText());
        assertThat(bot.telegram.awaitMessages(mark, user.id(), 4).get(3).text()).contains("🎼 parallel · ");
        // the other person cannot press someone else's Run
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "/multi parallel What is Rust?");
        BotCall third = bot.telegram.awaitMessages(mark, user.id(), 5).get(4);
        TelegramUser other = new TelegramUser(9302, "Sly", "sly");
        bot.telegram.pressButton(BotHarness.TOKEN, other, user.id(), third.result().path("message_id").asInt(),
                third.body().path("reply_markup").path("inline_keyboard").get(0).get(0).path("callback_data").asText());
        assertThat(bot.telegram.await(mark, java.time.Duration.ofSeconds(10), calls -> calls.stream()
                .anyMatch(c -> c.is("answerCallbackQuery") && c.body().path("text").asText()
                        .equals("Only the person who asked can decide.")))).isNotEmpty();
    }
}
