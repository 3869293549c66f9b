package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.testing.BotCall;
import dev.chorus.testing.BotHarness;
import dev.chorus.testing.FakeOpenAi;
import dev.chorus.testing.TelegramEmulator;
import dev.chorus.testing.TelegramUser;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routing, streaming and conversations through the real bot: the model is chosen per question
 * (model.default=auto), answers grow in the chat while they are generated, every answer has a
 * "Why this model?" button, replies continue a conversation and /new starts a fresh one.
 */
class SmartAskEndToEndTest {
    private static final String TOKEN = BotHarness.TOKEN;
    private static final String BOT = BotHarness.BOT;

    @TempDir
    static Path dir;
    static BotHarness bot;
    static TelegramEmulator telegram;

    @BeforeAll
    static void start() throws Exception {
        bot = BotHarness.start(dir, "model.default=auto", "model.fallbacks=");
        telegram = bot.telegram;
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    @Test
    void answerStreamsAsDraftsThenArrivesWithFooterAndButton() {
        TelegramUser user = new TelegramUser(4001, "Uma", "uma");
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, user, "Tell me slowly " + FakeOpenAi.SLOW_ANSWER);
        BotCall answer = telegram.awaitMessages(mark, user.id(), 1).getFirst();
        List<BotCall> drafts = telegram.callsSince(mark).stream()
                .filter(c -> c.is("sendMessageDraft") && c.chatId() == user.id()).toList();
        assertThat(drafts).isNotEmpty();
        assertThat(drafts.getFirst().text()).startsWith("Streaming");
        assertThat(answer.text()).startsWith("Streaming, word by word").contains("<i>— ");
        JsonNode button = answer.body().path("reply_markup").path("inline_keyboard").get(0).get(0);
        assertThat(button.path("text").asText()).isEqualTo("Why this model?");
        assertThat(button.path("callback_data").asText()).startsWith("why:");
    }

    @Test
    void whyThisModelExplainsTheChoiceAndTheRunnersUp() {
        TelegramUser user = new TelegramUser(4002, "Vic", "vic");
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, user, "What is the capital of France?");
        BotCall answer = telegram.awaitMessages(mark, user.id(), 1).getFirst();
        String data = answer.body().path("reply_markup").path("inline_keyboard").get(0).get(0).path("callback_data").asText();
        long second = telegram.mark();
        telegram.pressButton(TOKEN, user, user.id(), answer.result().path("message_id").asInt(), data);
        BotCall why = telegram.awaitMessages(second, user.id(), 1).getFirst();
        assertThat(why.text()).startsWith("Why ").contains("Task: factual, complexity", "Choice: ", "Runners-up:");
        assertThat(telegram.callsSince(second)).anyMatch(c -> c.is("answerCallbackQuery"));
    }

    @Test
    void replyContinuesTheConversationAndNewStartsAFreshOne() throws Exception {
        TelegramUser user = new TelegramUser(4003, "Wes", "wes");
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, user, "Remember the word pineapple");
        BotCall first = telegram.awaitMessages(mark, user.id(), 1).getFirst();
        int firstId = first.result().path("message_id").asInt();

        telegram.sendPrivateReply(TOKEN, user, "Which word did I ask you to remember?", firstId);
        telegram.awaitMessages(mark, user.id(), 2);
        JsonNode followUp = lastRequestContaining("Which word did I ask you to remember?");
        assertThat(followUp.path("messages").toString()).contains("Remember the word pineapple",
                "Rust is a memory-safe systems language.");

        telegram.sendPrivate(TOKEN, user, "/new");
        telegram.awaitMessages(mark, user.id(), 3);
        telegram.sendPrivate(TOKEN, user, "And now, which word?");
        telegram.awaitMessages(mark, user.id(), 4);
        JsonNode fresh = lastRequestContaining("And now, which word?");
        assertThat(fresh.path("messages").toString()).doesNotContain("pineapple");
        assertThat(fresh.path("messages")).hasSize(2); // the system prompt and the question
    }

    @Test
    void contextSurvivesARestart() throws Exception {
        TelegramUser user = new TelegramUser(4004, "Xia", "xia");
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, user, "My cat is called Biscuit");
        BotCall first = telegram.awaitMessages(mark, user.id(), 1).getFirst();
        // A second bot on the same database file (as after a restart) still knows the conversation.
        dev.chorus.store.Conversations conversations = new dev.chorus.store.Conversations(
                dev.chorus.store.Database.open(dir.resolve("data/chorus.db")), java.time.Clock.systemUTC());
        long conversation = conversations.conversationOf(user.id(), first.result().path("message_id").asInt())
                .orElseThrow();
        assertThat(conversations.turns(conversation)).extracting(t -> t.content())
                .containsExactly("My cat is called Biscuit", "Rust is a memory-safe systems language.");
    }

    @Test
    void modeCheapAndQualityChangeTheChoice() {
        TelegramUser user = new TelegramUser(4005, "Yan", "yan");
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, user, "/mode cheap");
        telegram.sendPrivate(TOKEN, user, "hi, how are you?");
        telegram.sendPrivate(TOKEN, user, "/mode quality");
        telegram.sendPrivate(TOKEN, user, "hi, how are you?");
        List<BotCall> replies = telegram.awaitMessages(mark, user.id(), 4);
        assertThat(replies.get(0).text()).isEqualTo("Mode set to cheap.");
        assertThat(replies.get(2).text()).isEqualTo("Mode set to quality.");
        String cheap = footerModel(replies.get(1).text());
        String quality = footerModel(replies.get(3).text());
        assertThat(cheap).isNotEqualTo(quality);
        var catalog = bot.chorus.catalog();
        BigDecimal cheapPrice = catalog.find(cheap).orElseThrow().price().outputPerMillion();
        BigDecimal qualityPrice = catalog.find(quality).orElseThrow().price().outputPerMillion();
        assertThat(cheapPrice).isLessThan(qualityPrice);
    }

    @Test
    void groupAnswerGrowsByEditingOneMessage() {
        TelegramUser user = new TelegramUser(4006, "Zed", "zed");
        long group = -1002143658720L;
        long mark = telegram.mark();
        int question = telegram.sendGroup(TOKEN, user, group, "/ask@" + BOT + " tell me slowly " + FakeOpenAi.SLOW_ANSWER);
        List<BotCall> calls = telegram.await(mark, Duration.ofSeconds(20), c -> c.stream().anyMatch(x ->
                x.is("editMessageText") && x.chatId() == group && x.text().contains("<i>— ")));
        List<BotCall> sends = BotCall.messagesTo(calls, group);
        List<BotCall> edits = calls.stream().filter(c -> c.is("editMessageText") && c.chatId() == group).toList();
        assertThat(sends).hasSize(1);
        assertThat(sends.getFirst().text()).startsWith("Streaming");
        assertThat(sends.getFirst().body().path("reply_parameters").path("message_id").asInt()).isEqualTo(question);
        assertThat(edits.size()).isGreaterThanOrEqualTo(2);
        BotCall last = edits.getLast();
        assertThat(last.body().path("parse_mode").asText()).isEqualToIgnoringCase("html");
        assertThat(last.text()).startsWith("Streaming, word by word").contains("<i>— ");
        assertThat(last.body().path("reply_markup").toString()).contains("Why this model?");
        assertThat(last.body().path("message_id").asInt()).isEqualTo(sends.getFirst().result().path("message_id").asInt());
    }

    @Test
    void privateDataWaitsForConsentBeforeLeavingTheMachine() {
        TelegramUser user = new TelegramUser(4007, "Abe", "abe");
        long mark = telegram.mark();
        int before = bot.openAi.requests().size() + bot.backup.requests().size();
        telegram.sendPrivate(TOKEN, user, "Write a polite reply to jane.doe@example.com about the invoice");
        BotCall ask = telegram.awaitMessages(mark, user.id(), 1).getFirst();
        assertThat(ask.text()).contains("private data (email)", "have not sent it anywhere");
        assertThat(bot.openAi.requests().size() + bot.backup.requests().size()).isEqualTo(before);
        JsonNode buttons = ask.body().path("reply_markup").path("inline_keyboard").get(0);
        assertThat(buttons.get(0).path("text").asText()).isEqualTo("Send anyway");
        assertThat(buttons.get(1).path("text").asText()).isEqualTo("Cancel");

        telegram.pressButton(TOKEN, user, user.id(), ask.result().path("message_id").asInt(),
                buttons.get(0).path("callback_data").asText());
        BotCall answer = telegram.awaitMessages(mark, user.id(), 2).getLast();
        assertThat(answer.text()).startsWith("Rust is a memory-safe systems language.");
        assertThat(lastRequestContaining("jane.doe@example.com")).isNotNull();
    }

    @Test
    void floodLimitDuringStreamingSlowsThePreviewButTheAnswerArrives() {
        TelegramUser user = new TelegramUser(4008, "Bea", "bea");
        telegram.failNext("sendMessageDraft", 429, "Too Many Requests: retry after 1", 1, 2);
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, user, "Tell me slowly " + FakeOpenAi.SLOW_ANSWER);
        BotCall answer = telegram.awaitMessages(mark, user.id(), 1).getFirst();
        assertThat(answer.text()).startsWith("Streaming, word by word").contains("It ends here.");
    }

    @Test
    void pinnedModelAnswersEverythingUntilAuto() {
        TelegramUser user = new TelegramUser(4009, "Cal", "cal");
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, user, "/model gpt-4.1");
        telegram.sendPrivate(TOKEN, user, "hi");
        telegram.sendPrivate(TOKEN, user, "/model no-such-model");
        telegram.sendPrivate(TOKEN, user, "/models");
        List<BotCall> replies = telegram.awaitMessages(mark, user.id(), 4);
        assertThat(replies.get(0).text()).isEqualTo("Pinned: every question goes to gpt-4.1 until /model auto.");
        assertThat(footerModel(replies.get(1).text())).isEqualTo("gpt-4.1");
        assertThat(replies.get(2).text()).contains("can&#39;t use a model called".replace("&#39;", "'"));
        assertThat(replies.get(3).text()).contains("gpt-4o-mini · $ · good at", "backup-model · $$", "/model auto");

        long unpinned = telegram.mark();
        telegram.sendPrivate(TOKEN, user, "/model auto");
        telegram.sendPrivate(TOKEN, user, "hi");
        List<BotCall> after = telegram.awaitMessages(unpinned, user.id(), 2);
        assertThat(after.get(0).text()).isEqualTo("Unpinned: I choose the model for each question again.");
        assertThat(footerModel(after.get(1).text())).isNotEqualTo("gpt-4.1");
    }

    private static String footerModel(String html) {
        String footer = html.substring(html.indexOf("<i>— ") + 5);
        return footer.substring(0, footer.indexOf(" · "));
    }

    private static JsonNode lastRequestContaining(String text) {
        List<JsonNode> all = new java.util.ArrayList<>(bot.openAi.requests());
        all.addAll(bot.backup.requests());
        return all.stream().filter(r -> r.toString().contains(text)).reduce((a, b) -> b).orElseThrow();
    }
}
