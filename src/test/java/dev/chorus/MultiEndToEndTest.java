package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.store.Database;
import dev.chorus.testing.BotCall;
import dev.chorus.testing.BotHarness;
import dev.chorus.testing.FakeOpenAi;
import dev.chorus.testing.TelegramUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /multi through the real bot, with two providers (OpenAI's models and a backup provider): several
 * models answer at once while one status shows each of them, one merges, and the footer names every
 * model with its role and cost; a failing provider leaves the others' answer, saying who was missing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiEndToEndTest {
    static final long GROUP = -900_100L;

    @TempDir
    static Path dir;
    static BotHarness bot;

    @BeforeAll
    static void start() throws Exception {
        // No retries, and the failures come last: they must not open the breakers the answers need.
        bot = BotHarness.start(dir, "model.default=auto", "model.fallbacks=", "provider.max-retries=0");
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    @Test
    @Order(1)
    void threeModelsAnswerAtOnceOneMergesAndTheFooterNamesThemAll() {
        TelegramUser user = new TelegramUser(9101, "Mo", "mo");
        long mark = bot.telegram.mark();
        int openAiBefore = bot.openAi.requests().size();
        int backupBefore = bot.backup.requests().size();
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "/multi parallel What is Rust? " + FakeOpenAi.SLOW_ANSWER);
        List<BotCall> calls = bot.telegram.await(mark, Duration.ofSeconds(40),
                c -> !BotCall.messagesTo(c, user.id()).isEmpty());
        // while they work, the draft shows every member
        assertThat(calls).anySatisfy(c -> {
            assertThat(c.is("sendMessageDraft")).isTrue();
            assertThat(c.text()).startsWith("🎼 3 models at work\n• ").contains(" · answer · ").contains("backup-model");
        });
        BotCall answer = BotCall.messagesTo(calls, user.id()).getFirst();
        assertThat(answer.text()).startsWith("Streaming, word by word").contains("<i>— 🎼 parallel · ")
                .contains(" answer $", " merged $", " · total $").doesNotContain("no answer from");
        assertThat(answer.body().path("reply_markup").toString()).contains("Why these models?");
        List<JsonNode> requests = new ArrayList<>(bot.openAi.requests().subList(openAiBefore, bot.openAi.requests().size()));
        requests.addAll(bot.backup.requests().subList(backupBefore, bot.backup.requests().size()));
        assertThat(requests).hasSize(4);
        assertThat(requests).filteredOn(r -> r.toString().contains("Several assistants answered")).singleElement()
                .satisfies(merge -> assertThat(merge.toString()).contains("Answer 1:", "Answer 2:", "Answer 3:"));
        assertThat(bot.backup.requests().size() - backupBefore).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(3)
    void aFailingProviderLeavesTheOthersAnswerAndTheAnswerSaysWhoWasMissing() {
        TelegramUser user = new TelegramUser(9102, "Ned", "ned");
        long mark = bot.telegram.mark();
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "/multi parallel What is Rust? " + FakeOpenAi.FAIL_PRIMARY);
        BotCall answer = bot.telegram.awaitMessages(mark, user.id(), 1).getFirst();
        assertThat(answer.text()).startsWith("Rust is a memory-safe systems language.")
                .contains("(Only backup-model answered, so nothing was merged.)").contains("no answer from gpt-");
    }

    @Test
    @Order(4)
    void whenEveryModelFailsTheUserIsToldAndNothingStaysHeld() {
        TelegramUser user = new TelegramUser(9103, "Oz", "oz");
        long mark = bot.telegram.mark();
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "/multi parallel What is Rust? " + FakeOpenAi.FAIL_500);
        BotCall reply = bot.telegram.awaitMessages(mark, user.id(), 1).getFirst();
        assertThat(reply.text()).startsWith("None of the models could answer (").contains("failed")
                .endsWith("Please try again in a little while.");
        try (Database db = Database.open(dir.resolve("data/chorus.db"))) {
            Long held = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COALESCE(SUM(amount_micros), 0) FROM ledger WHERE kind IN ('hold', 'release')")
                    .mapTo(Long.class).one());
            assertThat(held).isZero();
        }
    }

    @Test
    @Order(2)
    void inAGroupTheStatusMessageBecomesTheAnswer() {
        TelegramUser user = new TelegramUser(9104, "Pam", "pam");
        long mark = bot.telegram.mark();
        bot.telegram.sendGroup(BotHarness.TOKEN, user, GROUP, "/multi@" + BotHarness.BOT + " parallel What is Rust? "
                + FakeOpenAi.SLOW_ANSWER);
        List<BotCall> calls = bot.telegram.await(mark, Duration.ofSeconds(40), c -> c.stream()
                .anyMatch(x -> x.chatId() == GROUP && x.is("editMessageText") && x.text().contains("🎼 parallel")))
                .stream().filter(c -> c.chatId() == GROUP).toList();
        BotCall status = calls.stream().filter(c -> c.is("sendMessage")).findFirst().orElseThrow();
        assertThat(status.text()).startsWith("🎼 ");
        int id = status.result().path("message_id").asInt();
        assertThat(calls).filteredOn(c -> c.is("editMessageText") && c.text().contains("🎼 parallel")).singleElement()
                .satisfies(c -> assertThat(c.body().path("message_id").asInt()).isEqualTo(id));
        assertThat(calls.stream().filter(c -> c.is("sendMessage"))).hasSize(1);
    }

    @Test
    @Order(1)
    void traceSaysWhatEachModelDidAndAReplyWithMultiAsksTheSameQuestionOfSeveral() {
        TelegramUser user = new TelegramUser(9105, "Quy", "quy");
        long mark = bot.telegram.mark();
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "/ask What is Rust?");
        BotCall answer = bot.telegram.awaitMessages(mark, user.id(), 1).getFirst();
        JsonNode buttons = answer.body().path("reply_markup").path("inline_keyboard").get(0);
        assertThat(buttons.get(1).path("text").asText()).isEqualTo("Trace");
        int answerMessage = answer.result().path("message_id").asInt();
        bot.telegram.pressButton(BotHarness.TOKEN, user, user.id(), answerMessage,
                buttons.get(1).path("callback_data").asText());
        assertThat(bot.telegram.awaitMessages(mark, user.id(), 2).get(1).text()).startsWith("What each model did:\n1. ")
                .contains(" · answer · done · ", " in, ", " out · $");

        bot.telegram.sendPrivateReply(BotHarness.TOKEN, user, "/multi parallel", answerMessage);
        BotCall multi = bot.telegram.awaitMessages(mark, user.id(), 3).get(2);
        assertThat(multi.text()).contains("🎼 parallel · ");
        bot.telegram.sendPrivateReply(BotHarness.TOKEN, user, "/trace", multi.result().path("message_id").asInt());
        String trace = bot.telegram.awaitMessages(mark, user.id(), 4).get(3).text();
        assertThat(trace).startsWith("What each model did:").contains("4. ", " · merge · done · ");
    }
}
