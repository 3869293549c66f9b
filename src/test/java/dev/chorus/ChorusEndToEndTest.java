package dev.chorus;

import static dev.chorus.testing.HtmlAssertions.assertBalanced;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.orchestration.CallRecord;
import dev.chorus.store.JdbiCallLog;
import dev.chorus.testing.BotCall;
import dev.chorus.testing.BotHarness;
import dev.chorus.testing.FakeOpenAi;
import dev.chorus.testing.LogCapture;
import dev.chorus.testing.TelegramEmulator;
import dev.chorus.testing.TelegramUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real bot, wired as {@link Main} wires it, against the Telegram emulator and an
 * OpenAI-compatible provider speaking the real wire format. Each test acts as a user in its own
 * chat, so the tests do not see each other's messages.
 */
class ChorusEndToEndTest {
    private static final String TOKEN = BotHarness.TOKEN;
    private static final String API_KEY = BotHarness.API_KEY;
    private static final String BOT = BotHarness.BOT;
    private static final String ANSWER = "Rust is a memory-safe systems language.";

    @TempDir
    static Path dir;
    static BotHarness bot;
    static TelegramEmulator telegram;
    static FakeOpenAi openAi;
    static Chorus chorus;
    static LogCapture log;

    @BeforeAll
    static void start() throws Exception {
        // Long enough for the long-answer test: the fake provider streams it whatever max_tokens says.
        startWith("answer.max-tokens=4096");
    }

    static void startWith(String... config) throws Exception {
        bot = BotHarness.start(dir, config);
        telegram = bot.telegram;
        openAi = bot.openAi;
        chorus = bot.chorus;
        log = bot.log;
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
        // Checked last, after every scenario (failures included) has had its chance to log.
        assertThat(log.text()).doesNotContain(TOKEN).doesNotContain(API_KEY).doesNotContain(TOKEN.substring(11));
    }

    @Test
    void startUpLogShowsNameSchemaAndModelButNoSecret() {
        String logged = log.text();
        assertThat(logged).contains("@" + BOT, "schema version 16", "every question pinned to gpt-4o-mini");
        assertThat(logged).doesNotContain(TOKEN).doesNotContain(API_KEY);
    }

    @Test
    void groupAdminSetsTheGroupBudgetAndEveryoneSeesIt() {
        long group = -1002143658710L;
        TelegramUser admin = new TelegramUser(1017, "Quin", "quin");
        TelegramUser member = new TelegramUser(1018, "Rex", "rex");
        telegram.setChatAdmins(group, admin);
        long mark = telegram.mark();
        telegram.sendGroup(TOKEN, member, group, "/budget@" + BOT + " set group 3/week");
        telegram.sendGroup(TOKEN, admin, group, "/budget@" + BOT + " set group 3/week");
        telegram.sendGroup(TOKEN, admin, group, "/budget@" + BOT + " set @rex 0.50/day");
        telegram.sendGroup(TOKEN, member, group, "/ask@" + BOT + " What is Rust?");
        telegram.sendGroup(TOKEN, member, group, "/budget@" + BOT);
        List<BotCall> replies = telegram.awaitMessages(mark, group, 5);
        assertThat(replies.get(0).text()).isEqualTo("Only this group&#39;s admins and the bot&#39;s admins can change budgets here."
                .replace("&#39;", "'"));
        assertThat(replies.get(1).text()).isEqualTo("Done: This group's budget is now $3.00 per week.");
        assertThat(replies.get(2).text()).isEqualTo("Done: The cap of @rex in this group is now $0.50 per day.");
        assertThat(replies.get(3).text()).startsWith(ANSWER);
        assertThat(replies.get(4).text()).startsWith("This group's budget: $3.00 of $3.00 left this week (spent $0.000009)")
                .contains("Your cap in this group: $0.50 of $0.50 left today (spent $0.000009)")
                .contains("By model: gpt-4o-mini $0.000009");
        assertThat(telegram.callsSince(mark)).anyMatch(c -> c.is("getChatAdministrators"));
    }

    @Test
    void usageArrivesAsAPhotoWithTheNumbersInItsCaption() {
        TelegramUser user = new TelegramUser(1019, "Sia", "sia");
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, user, "What is Rust?");
        telegram.awaitMessages(mark, user.id(), 1);
        telegram.sendPrivate(TOKEN, user, "/usage");
        BotCall photo = telegram.await(mark, Duration.ofSeconds(20), calls -> calls.stream()
                .anyMatch(c -> c.is("sendPhoto") && c.chatId() == user.id())).stream()
                .filter(c -> c.is("sendPhoto")).findFirst().orElseThrow();
        assertThat(photo.body().path("caption").asText()).contains("Your spend, ", "gpt-4o-mini: $0.000009");
        // The upload names its file part: photo=attach://<part>.
        String part = photo.body().path("photo").asText().replace("attach://", "");
        assertThat(photo.body().path(part).path("png").asBoolean()).as(photo.body().toString()).isTrue();
        assertThat(photo.body().path(part).path("size").asInt()).isGreaterThan(5_000);
    }

    @Test
    void rejectedHtmlIsResentAsPlainText() {
        TelegramUser user = new TelegramUser(1013, "Max", "max");
        telegram.failNext("sendMessage", 400,
                "Bad Request: can't parse entities: Unsupported start tag \"foo\" at byte offset 12", null, 1);
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, user, "What is Rust?");
        List<BotCall> calls = telegram.await(mark, Duration.ofSeconds(20),
                c -> c.stream().anyMatch(x -> x.is("sendMessage") && x.chatId() == user.id()
                        && x.result().has("message_id")));
        BotCall plain = calls.stream().filter(c -> c.is("sendMessage") && c.result().has("message_id")).findFirst()
                .orElseThrow();
        assertThat(plain.body().has("parse_mode")).isFalse();
        assertThat(plain.text()).startsWith(ANSWER + "\n\n— gpt-4o-mini · ").contains(" · $0.000009 · ");
    }

    @Test
    void userWhoBlockedTheBotDoesNotStopItServingOthers() {
        TelegramUser blocker = new TelegramUser(1014, "Ned", "ned");
        TelegramUser other = new TelegramUser(1015, "Ola", "ola");
        telegram.failNext("sendMessage", 403, "Forbidden: bot was blocked by the user", null, 1);
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, blocker, "What is Rust?");
        telegram.await(mark, Duration.ofSeconds(20), c -> c.stream().anyMatch(x -> x.is("sendMessage")
                && x.chatId() == blocker.id()));
        telegram.sendPrivate(TOKEN, other, "What is Rust?");
        assertThat(telegram.awaitMessages(mark, other.id(), 1).getFirst().text()).startsWith(ANSWER);
        assertThat(BotCall.messagesTo(telegram.callsSince(mark), blocker.id())).hasSize(1);
    }

    @Test
    void nonTextMessageInPrivateGetsAClearMessage() {
        TelegramUser user = new TelegramUser(1016, "Pia", "pia");
        long mark = telegram.mark();
        telegram.sendPrivateSticker(TOKEN, user);
        assertThat(telegram.awaitMessages(mark, user.id(), 1).getFirst().text()).contains("only read text");
    }

    @Test
    void learnsItsNameAndPublishesItsCommands() {
        assertThat(chorus.botUsername()).isEqualTo(BOT);
        List<BotCall> calls = telegram.callsSince(0);
        assertThat(calls).anyMatch(c -> c.is("getMe"));
        BotCall menu = calls.stream().filter(c -> c.is("setMyCommands")).findFirst().orElseThrow();
        assertThat(menu.body().path("commands").toString()).contains("\"ask\"", "\"help\"", "\"start\"");
    }

    @Test
    void startExplainsTheBot() {
        TelegramUser user = new TelegramUser(1001, "Ann", "ann");
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, user, "/start");
        BotCall reply = telegram.awaitMessages(mark, user.id(), 1).getFirst();
        assertThat(reply.text()).contains("Chorus", "/ask", "/help");
    }

    @Test
    void plainTextInPrivateChatIsAnsweredWithFooter() {
        TelegramUser user = new TelegramUser(1002, "Ben", "ben");
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, user, "What is Rust?");
        BotCall answer = telegram.awaitMessages(mark, user.id(), 1).getFirst();

        assertThat(answer.body().path("parse_mode").asText()).isEqualToIgnoringCase("HTML");
        // 23 prompt tokens at $0.15/M + 8 completion tokens at $0.60/M = 8.25 micro-dollars, rounded up.
        // The footer: model, the task as analysed (domain and complexity), cost, time.
        assertThat(answer.text()).matches(Pattern.quote(ANSWER + "\n\n<i>— gpt-4o-mini · ")
                + "[a-z]+ \\d\\.\\d\\d · \\$0\\.000009 · \\d+\\.\\ds</i>");
        assertThat(telegram.callsSince(mark)).anyMatch(c -> c.is("sendChatAction") && c.chatId() == user.id()
                && c.body().path("action").asText().equals("typing"));

        assertThat(openAi.authorizations()).contains("Bearer " + API_KEY);
        List<CallRecord> recorded = new JdbiCallLog(chorus.database()).recent(50);
        assertThat(recorded).anyMatch(r -> r.userId() == user.id() && r.costMicros() == 9
                && r.inputTokens() == 23 && r.outputTokens() == 8 && r.model().equals("gpt-4o-mini"));
    }

    @Test
    void askCommandInPrivateChatSendsTheQuestionToTheModel() {
        TelegramUser user = new TelegramUser(1003, "Cat", null);
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, user, "/ask Explain   ownership");
        BotCall answer = telegram.awaitMessages(mark, user.id(), 1).getFirst();
        assertThat(answer.text()).startsWith(ANSWER);
        assertThat(openAi.requests()).anyMatch(r -> r.toString().contains("Explain   ownership")
                && r.path("stream").asBoolean() && r.path("stream_options").path("include_usage").asBoolean());
    }

    @Test
    void groupAskAddressedToTheBotIsAnsweredAsAReply() {
        TelegramUser user = new TelegramUser(1004, "Dan", "dan");
        long group = -1002143658701L;
        long mark = telegram.mark();
        int question = telegram.sendGroup(TOKEN, user, group, "/ask@" + BOT + " what is rust");
        BotCall answer = telegram.awaitMessages(mark, group, 1).getFirst();
        assertThat(answer.text()).startsWith(ANSWER);
        assertThat(answer.body().path("reply_parameters").path("message_id").asInt()).isEqualTo(question);
    }

    @Test
    void groupReplyToTheBotIsAFollowUpQuestion() {
        TelegramUser user = new TelegramUser(1005, "Eve", "eve");
        long group = -1002143658702L;
        long mark = telegram.mark();
        telegram.sendGroup(TOKEN, user, group, "/ask@" + BOT + " what is rust");
        BotCall first = telegram.awaitMessages(mark, group, 1).getFirst();
        int botMessageId = first.result().path("message_id").asInt();

        long second = telegram.mark();
        telegram.sendGroupReply(TOKEN, user, group, "and why is it memory-safe?", botMessageId, first.text());
        assertThat(telegram.awaitMessages(second, group, 1).getFirst().text()).startsWith(ANSWER);
        // the reply carries the conversation it answers: the first question and the bot's answer
        assertThat(openAi.requests()).filteredOn(r -> r.toString().contains("and why is it memory-safe?"))
                .singleElement().satisfies(r -> assertThat(r.path("messages").toString())
                        .contains("what is rust", ANSWER.substring(0, 20)));
    }

    @Test
    void groupMentionIsAQuestionWithoutTheMention() {
        TelegramUser user = new TelegramUser(1006, "Fay", "fay");
        long group = -1002143658703L;
        long mark = telegram.mark();
        telegram.sendGroup(TOKEN, user, group, "@" + BOT + " how do lifetimes work?");
        assertThat(telegram.awaitMessages(mark, group, 1).getFirst().text()).startsWith(ANSWER);
        assertThat(openAi.requests()).anyMatch(r -> r.toString().contains("\"how do lifetimes work?\""));
    }

    @Test
    void groupChatterNotAddressedToTheBotIsIgnored() {
        TelegramUser user = new TelegramUser(1007, "Gus", "gus");
        long group = -1002143658704L;
        long mark = telegram.mark();
        telegram.sendGroup(TOKEN, user, group, "lunch at noon?");
        telegram.sendGroup(TOKEN, user, group, "/ask@SomeOtherBot what is rust");
        telegram.sendGroup(TOKEN, user, group, "/weather");
        // A marker message that is answered proves the ones before it were read and passed over.
        telegram.sendGroup(TOKEN, user, group, "/help@" + BOT);
        List<BotCall> sent = telegram.awaitMessages(mark, group, 1);
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst().text()).contains("Commands:");
        assertThat(openAi.requests()).noneMatch(r -> r.toString().contains("lunch at noon"));
    }

    @Test
    void longAnswerIsSplitIntoValidMessagesUnderTheLimit() {
        TelegramUser user = new TelegramUser(1008, "Hal", "hal");
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, user, "Give me the plan " + FakeOpenAi.LONG_ANSWER);
        List<BotCall> parts = telegram.await(mark, Duration.ofSeconds(20),
                calls -> BotCall.messagesTo(calls, user.id()).stream().anyMatch(c -> c.text().contains("gpt-4o-mini ·")))
                .stream().filter(c -> c.is("sendMessage") && c.chatId() == user.id()).toList();

        assertThat(parts).hasSizeGreaterThanOrEqualTo(3);
        StringBuilder all = new StringBuilder();
        for (BotCall part : parts) {
            String html = part.text();
            assertThat(html.length()).isLessThan(4096);
            assertBalanced(html);
            assertThat(html).doesNotContain("<tag>").doesNotContain("a < b");
            all.append(html).append('\n');
        }
        assertThat(all).contains("Paragraph 1:", "Paragraph 14:", "value1 = compute(&quot;&lt;tag&gt;&quot;, 1)",
                "value70 = compute", "Done: every step above.", "<b>Step 3.2</b>");
    }

    @Test
    void emptyAskGetsAnExample() {
        TelegramUser user = new TelegramUser(1010, "Jo", "jo");
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, user, "/ask");
        assertThat(telegram.awaitMessages(mark, user.id(), 1).getFirst().text())
                .contains("add your question", "/ask How");
    }

    @Test
    void unknownCommandGetsAHint() {
        TelegramUser user = new TelegramUser(1011, "Kim", "kim");
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, user, "/frobnicate now");
        assertThat(telegram.awaitMessages(mark, user.id(), 1).getFirst().text())
                .isEqualTo("I don&#39;t know /frobnicate. Send /help to see what I can do.".replace("&#39;", "'"));
    }

    @Test
    void floodLimitIsWaitedOutAndTheAnswerStillArrives() {
        TelegramUser user = new TelegramUser(1012, "Lea", "lea");
        telegram.failNext("sendMessage", 429, "Too Many Requests: retry after 1", 1, 1);
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, user, "What is Rust?");
        List<BotCall> calls = telegram.await(mark, Duration.ofSeconds(20),
                c -> c.stream().anyMatch(x -> x.is("sendMessage") && x.chatId() == user.id()
                        && x.result().has("message_id")));
        assertThat(calls.stream().filter(c -> c.is("sendMessage")).filter(c -> c.chatId() == user.id()))
                .hasSize(2);
    }


    private static String footerTime(String text) {
        Matcher m = Pattern.compile("· (\\d+\\.\\ds)</i>$").matcher(text);
        return m.find() ? m.group(1) : "<no time>";
    }
}
