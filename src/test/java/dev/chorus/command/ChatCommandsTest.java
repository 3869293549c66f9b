package dev.chorus.command;

import dev.chorus.testing.StoreKind;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.chart.JFreeChartRenderer;
import dev.chorus.orchestration.AskService;
import dev.chorus.orchestration.AskSettings;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.FinishReason;
import dev.chorus.provider.Usage;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.store.Database;
import dev.chorus.store.JdbiCallLog;
import dev.chorus.store.BudgetLedger;
import dev.chorus.budget.BudgetAlerts;
import dev.chorus.budget.BudgetService;
import dev.chorus.budget.Spender;
import dev.chorus.orchestration.ChatSessions;
import dev.chorus.orchestration.delegation.Preferences;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.store.Conversations;
import dev.chorus.config.BudgetSettings;
import dev.chorus.store.JdbiDirectory;
import dev.chorus.store.JdbiQuestionJournal;
import dev.chorus.store.JdbiTraceStore;
import dev.chorus.testing.ScriptedChatClient;
import dev.chorus.testing.TestAsks;
import dev.chorus.provider.resilience.ProviderHealth;
import java.time.Duration;
import java.util.Set;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ParameterizedClass
@EnumSource(StoreKind.class)
class ChatCommandsTest {
    @Parameter
    StoreKind kind;

    /** Probing is tested end to end; here no probe runs, so its chain is never asked. */
    static dev.chorus.orchestration.probe.ProbeService noProbes() {
        return new dev.chorus.orchestration.probe.ProbeService(new dev.chorus.orchestration.probe.Prober(
                dev.chorus.json.ProbeSuiteJson.shipped(), new dev.chorus.provider.resilience.FallbackChain(model -> {
                    throw new AssertionError("no probe runs here");
                }, dev.chorus.provider.resilience.FallbackChain.FailureObserver.LOG_ONLY)),
                dev.chorus.orchestration.probe.ProbedCapabilities.NONE,
                new dev.chorus.orchestration.probe.MeasuredCapabilities(
                        dev.chorus.orchestration.probe.ProbedCapabilities.NONE),
                () -> dev.chorus.provider.resilience.SpendGate.UNLIMITED, () -> { });
    }

    /** /multi over {@code asks}: with one usable model it answers as /ask does, so its own chain is never asked. */
    static dev.chorus.orchestration.multi.MultiService multiOver(AskService asks) {
        return new dev.chorus.orchestration.multi.MultiService(asks, new dev.chorus.provider.resilience.FallbackChain(
                m -> {
                    throw new AssertionError("/multi with one model must not call through its own chain");
                }, dev.chorus.provider.resilience.FallbackChain.FailureObserver.LOG_ONLY),
                a -> dev.chorus.provider.resilience.SpendGate.UNLIMITED, a -> Long.MAX_VALUE, Clock.systemUTC(),
                new dev.chorus.json.JsonPlanParser());
    }

    static final dev.chorus.config.ChatLimits LIMITS = new dev.chorus.config.ChatLimits(Duration.ofSeconds(60),
            Duration.ofHours(1), 600, 600);
    @TempDir
    Path dir;
    ScriptedChatClient client;
    ChatCommands commands;
    RecordingOutput out = new RecordingOutput();
    List<String> alerts = new ArrayList<>();
    Database database;
    ChatSessions sessions;
    Services services;

    @BeforeEach
    void setUp() {
        client = new ScriptedChatClient(r -> r.messages().getLast().content().contains("fail")
                ? new ChatOutcome.RateLimited(null, "429")
                : new ChatOutcome.Completed("**Answer** to " + r.messages().getLast().content(),
                new Usage(10, 0, 5, 0, false), "gpt-4o-mini", FinishReason.STOP));
        database = kind.open(dir.resolve("users.db"));
        BudgetService budgets = new BudgetService(new BudgetLedger(database), BudgetSettings.DEFAULTS, Set.of(99L),
                Clock.systemUTC(), new BudgetAlerts(new BudgetLedger(database), new JdbiDirectory(database,
                Clock.systemUTC()), Clock.systemUTC(), alert -> alerts.add(alert.english())));
        AskService asks = TestAsks.service(client, new JdbiCallLog(database), "gpt-4o-mini", 100,
                asker -> budgets.gate(asker.inGroup() ? Spender.inGroup(asker.userId(), asker.chatId())
                        : Spender.privately(asker.userId()), "answer"));
        sessions = new ChatSessions(new Conversations(database, Clock.systemUTC()), Preferences.DEFAULT);
        services = new Services(asks, new JdbiDirectory(database, Clock.systemUTC()),
                Set.of(99L), () -> List.of(new ProviderHealth("openai", "CLOSED", Duration.ofMillis(800),
                        Duration.ofMillis(2100), 0f), new ProviderHealth("anthropic", "OPEN", null, null, 100f)),
                budgets, (chat, user) -> user == 77L, sessions, () -> ModelCatalog.builtIn().all(),
                new JdbiQuestionJournal(database, Clock.systemUTC()), LIMITS, () -> new Deliveries(0, 0),
                Clock.systemUTC(), new JFreeChartRenderer(), multiOver(asks), new JdbiTraceStore(database),
                new dev.chorus.store.JdbiRatings(database, Clock.systemUTC()), List::of, noProbes(),
                dev.chorus.orchestration.delegation.Capabilities.CATALOG, () -> List.of(dev.chorus.i18n.Phrase.of("catalog.reloaded", 0)),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                new dev.chorus.orchestration.cache.CachedAnswers(dev.chorus.orchestration.cache.AnswerCache.NONE,
                        Clock.systemUTC()));
        commands = new ChatCommands("ChorusBot", services);
    }

    @Test
    void privatePlainTextIsAQuestionAnsweredWithFooterWhileTyping() {
        commands.handle(new Incoming(1, ChatKind.PRIVATE, 1, "what is rust", true), out);
        assertThat(out.replies).singleElement().satisfies(r -> {
            assertThat(r.format()).isEqualTo(Reply.Format.MARKDOWN);
            assertThat(r.body()).isEqualTo("**Answer** to what is rust");
            assertThat(r.footer()).matches("gpt-4o-mini · [a-z]+ \\d\\.\\d\\d · \\$0\\.000005 · \\d+\\.\\ds");
        });
        assertThat(out.typingStarted).isEqualTo(1);
        assertThat(out.typingStopped).isEqualTo(1);
    }

    @Test
    void everyoneWhoWritesIsRemembered() {
        commands.handle(new Incoming(-5, ChatKind.GROUP, 42, "/help", false,
                new Incoming.Names("ann", "Ann", "supergroup", "Team")), out);
        String username = database.jdbi().withHandle(h -> h.createQuery("SELECT username FROM users WHERE id = 42")
                .mapTo(String.class).one());
        String title = database.jdbi().withHandle(h -> h.createQuery("SELECT title FROM chats WHERE id = -5")
                .mapTo(String.class).one());
        assertThat(username).isEqualTo("ann");
        assertThat(title).isEqualTo("Team");
    }

    @Test
    void groupBareAskIsAnsweredButBareUnknownCommandIsNot() {
        commands.handle(new Incoming(-5, ChatKind.GROUP, 1, "/ask what is rust", false), out);
        commands.handle(new Incoming(-5, ChatKind.GROUP, 1, "/weather", false), out);
        commands.handle(new Incoming(-5, ChatKind.GROUP, 1, "just chatting", false), out);
        assertThat(out.replies).singleElement().satisfies(r -> assertThat(r.body()).contains("what is rust"));
    }

    @Test
    void commandsForOtherBotsAreIgnored() {
        commands.handle(new Incoming(-5, ChatKind.GROUP, 1, "/ask@OtherBot hi", false), out);
        commands.handle(new Incoming(1, ChatKind.PRIVATE, 1, "/help@OtherBot", true), out);
        assertThat(out.replies).isEmpty();
        assertThat(client.requests()).isEmpty();
    }

    @Test
    void emptyQuestionGetsAnExampleForTheChatKind() {
        commands.handle(new Incoming(-5, ChatKind.GROUP, 1, "/ask@ChorusBot   ", true), out);
        assertThat(out.replies.getFirst().body()).contains("/ask@ChorusBot How");
        assertThat(client.requests()).isEmpty();
    }

    @Test
    void unknownCommandAddressedToTheBotGetsAHint() {
        commands.handle(new Incoming(-5, ChatKind.GROUP, 1, "/weather@ChorusBot", true), out);
        assertThat(out.replies.getFirst().body()).isEqualTo("I don't know /weather. Send /help to see what I can do.");
    }

    @Test
    void failureIsAPlainMessageWithNoTechnicalDetail() {
        commands.handle(new Incoming(1, ChatKind.PRIVATE, 1, "please fail", true), out);
        assertThat(out.replies).singleElement().satisfies(r -> {
            assertThat(r.format()).isEqualTo(Reply.Format.PLAIN);
            assertThat(r.body()).contains("too many requests").doesNotContain("429");
        });
    }

    @Test
    void helpDiffersBetweenPrivateAndGroup() {
        commands.handle(new Incoming(1, ChatKind.PRIVATE, 1, "/help", true), out);
        commands.handle(new Incoming(-5, ChatKind.GROUP, 1, "/help", false), out);
        assertThat(out.replies.get(0).body()).contains("/ask", "just type");
        assertThat(out.replies.get(1).body()).contains("/ask@ChorusBot", "reply to one of my answers");
    }

    @Test
    void statusIsForAdminsOnly() {
        commands.handle(new Incoming(5, ChatKind.PRIVATE, 5, "/status", true), out);
        commands.handle(new Incoming(99, ChatKind.PRIVATE, 99, "/status", true), out);
        assertThat(out.replies.get(0).body()).isEqualTo("Only the bot's admins can see the providers' status.");
        assertThat(out.replies.get(1).body()).contains(
                "openai     ok     0.8s  2.1s   0%",
                "anthropic  OPEN      –     – 100%");
    }

    @Test
    void budgetShowsWhatIsLeftAndWhenItResets() {
        commands.handle(new Incoming(5, ChatKind.PRIVATE, 5, "what is rust", true), out);
        commands.handle(new Incoming(5, ChatKind.PRIVATE, 5, "/budget", true), out);
        String text = out.replies.getLast().body();
        // The scripted answer used 10 input and 5 output tokens of gpt-4o-mini: 1.5 + 3 = 4.5, so 5 µ$.
        assertThat(text).startsWith("Your budget: $1.00 of $1.00 left today (spent $0.000005)")
                .contains("Resets ", "UTC", "By model: gpt-4o-mini $0.000005")
                .contains("The bot's overall budget: $20.00 of $20.00 left today (spent $0.000005)");
    }

    @Test
    void badBudgetInputIsExplainedAndChangesNothing() {
        List<String> bad = List.of("/budget set @ann -5/day", "/budget set @ann abc/day", "/budget set 42 1e99/day",
                "/budget set 42 5,00/day", "/budget set 42 5", "/budget set 42 5/year", "/budget set @nobody 5/day",
                "/budget set group 5/day", "/budget set", "/budget raise 42 5/day");
        for (String command : bad) {
            commands.handle(new Incoming(99, ChatKind.PRIVATE, 99, command, true), out);
        }
        assertThat(out.replies).hasSize(bad.size());
        assertThat(out.replies.get(0).body()).startsWith("That budget was not changed: an amount cannot be negative");
        assertThat(out.replies.get(1).body()).contains("'abc' is not an amount");
        assertThat(out.replies.get(2).body()).contains("'1e99' is not an amount");
        assertThat(out.replies.get(3).body()).contains("use a dot for cents");
        assertThat(out.replies.get(4).body()).contains("add the period");
        assertThat(out.replies.get(5).body()).contains("day, week or month");
        assertThat(out.replies.get(6).body()).startsWith("I don't know who '@nobody' is");
        assertThat(out.replies.get(7).body()).startsWith("'group' works only in a group chat");
        assertThat(out.replies.get(8).body()).startsWith("Usage: /budget set");
        assertThat(out.replies.get(9).body()).contains("Usage: /budget set");
        assertThat(budgetRows()).isZero();
    }

    @Test
    void onlyAdminsChangeBudgetsAndGroupAdminsOnlyTheirGroup() {
        commands.handle(new Incoming(5, ChatKind.PRIVATE, 5, "/budget set 5 100/day", true), out);
        commands.handle(new Incoming(-9, ChatKind.GROUP, 5, "/budget set group 100/day", true), out);
        commands.handle(new Incoming(-9, ChatKind.GROUP, 77, "/budget set global 100/day", true), out);
        assertThat(out.replies).extracting(Reply::body).containsExactly(
                "Only the bot's admins can change budgets.",
                "Only this group's admins and the bot's admins can change budgets here.",
                "Only this group's admins and the bot's admins can change budgets here.");
        assertThat(budgetRows()).isZero();

        commands.handle(new Incoming(-9, ChatKind.GROUP, 77, "/budget set group 7.5/week", true), out);
        commands.handle(new Incoming(-9, ChatKind.GROUP, 77, "/budget set members 1/day", true), out);
        commands.handle(new Incoming(99, ChatKind.PRIVATE, 99, "/budget set global 50/month", true), out);
        assertThat(out.replies.subList(3, 6)).extracting(Reply::body).containsExactly(
                "Done: This group's budget is now $7.50 per week.",
                "Done: Each member's cap in this group is now $1.00 per day.",
                "Done: The bot's overall budget is now $50.00 per month.");
        assertThat(budgetRows()).isEqualTo(3);
    }

    @Test
    void allowListRefusalTellsTheUserTheirId() {
        BudgetService strict = new BudgetService(new BudgetLedger(database), new BudgetSettings(
                BudgetSettings.DEFAULTS.user(), BudgetSettings.DEFAULTS.group(), java.util.Optional.empty(),
                java.util.Optional.empty(), true, java.time.ZoneId.of("UTC")), Set.of(99L), Clock.systemUTC(),
                new BudgetAlerts(new BudgetLedger(database), new JdbiDirectory(database, Clock.systemUTC()),
                        Clock.systemUTC(), alert -> alerts.add(alert.english())));
        AskService strictAsks = TestAsks.service(client, new JdbiCallLog(database), "gpt-4o-mini", 100);
        ChatCommands allowList = new ChatCommands("ChorusBot", new Services(strictAsks,
                new JdbiDirectory(database, Clock.systemUTC()), Set.of(99L), List::of, strict, ChatAdmins.NONE,
                new ChatSessions(new Conversations(database, Clock.systemUTC()), Preferences.DEFAULT), List::of,
                new JdbiQuestionJournal(database, Clock.systemUTC()), LIMITS, () -> new Deliveries(0, 0),
                Clock.systemUTC(), new JFreeChartRenderer(), multiOver(strictAsks), new JdbiTraceStore(database),
                new dev.chorus.store.JdbiRatings(database, Clock.systemUTC()), List::of, noProbes(),
                dev.chorus.orchestration.delegation.Capabilities.CATALOG, () -> List.of(dev.chorus.i18n.Phrase.of("catalog.reloaded", 0)),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                new dev.chorus.orchestration.cache.CachedAnswers(dev.chorus.orchestration.cache.AnswerCache.NONE,
                        Clock.systemUTC())));
        allowList.handle(new Incoming(5, ChatKind.PRIVATE, 5, "hello", true), out);
        assertThat(out.replies.getFirst().body()).contains("your Telegram id is 5", "/budget set 5 ");
        assertThat(client.requests()).isEmpty();
    }

    @Test
    void modeAndModelAreValidatedAndOnlyGroupAdminsChangeThemInGroups() {
        commands.handle(new Incoming(5, ChatKind.PRIVATE, 5, "/mode turbo", true), out);
        commands.handle(new Incoming(5, ChatKind.PRIVATE, 5, "/mode fast", true), out);
        commands.handle(new Incoming(-9, ChatKind.GROUP, 5, "/mode cheap", true), out);
        commands.handle(new Incoming(-9, ChatKind.GROUP, 77, "/mode cheap", true), out);
        commands.handle(new Incoming(-9, ChatKind.GROUP, 5, "/model gpt-4o", true), out);
        commands.handle(new Incoming(5, ChatKind.PRIVATE, 5, "/mode", true), out);
        assertThat(out.replies).extracting(Reply::body).satisfies(b -> {
            assertThat(b.get(0)).isEqualTo("There is no mode 'turbo'. Choose cheap, balanced, quality, fast or local.");
            assertThat(b.get(1)).isEqualTo("Mode set to fast.");
            assertThat(b.get(2)).isEqualTo("Only this group's admins can change its mode.");
            assertThat(b.get(3)).isEqualTo("Mode set to cheap for this group.");
            assertThat(b.get(4)).isEqualTo("Only this group's admins can pin a model for it.");
            assertThat(b.get(5)).startsWith("Mode: fast.");
        });
    }

    @Test
    void escalationIsOnByDefaultAndTheChatCanTurnItOff() {
        commands.handle(new Incoming(5, ChatKind.PRIVATE, 5, "/escalation", true), out);
        commands.handle(new Incoming(5, ChatKind.PRIVATE, 5, "/escalation maybe", true), out);
        commands.handle(new Incoming(5, ChatKind.PRIVATE, 5, "/escalation OFF", true), out);
        commands.handle(new Incoming(-9, ChatKind.GROUP, 5, "/escalation off", true), out);
        assertThat(out.replies).extracting(Reply::body).satisfies(b -> {
            assertThat(b.get(0)).startsWith("Escalation is on");
            assertThat(b.get(1)).isEqualTo("Use /escalation on or /escalation off.");
            assertThat(b.get(2)).startsWith("Escalation off");
            assertThat(b.get(3)).isEqualTo("Only this group's admins can change that for the group.");
        });
        assertThat(sessions.preferences(5).allowEscalation()).isFalse();
        assertThat(sessions.preferences(-9).allowEscalation()).isTrue();
        // the mode keeps the choice
        commands.handle(new Incoming(5, ChatKind.PRIVATE, 5, "/mode cheap", true), out);
        assertThat(sessions.preferences(5).allowEscalation()).isFalse();
    }

    @Test
    void whyButtonOfAnUnknownAnswerSaysSoAndStrangeDataIsAcknowledged() {
        commands.handle(new Callback(5, ChatKind.PRIVATE, 5, 10, "cb1", "why:999"), out);
        commands.handle(new Callback(5, ChatKind.PRIVATE, 5, 10, "cb2", "something-else"), out);
        assertThat(out.replies).extracting(Reply::body)
                .containsExactly("I no longer know why that answer's model was chosen.");
        assertThat(out.acknowledged).containsExactly("cb1:null", "cb2:That button no longer does anything.");
    }

    @Test
    void aRussianUserIsAnsweredInRussianAndAnEnglishOneInEnglishInTheSameGroup() {
        commands.handle(new Incoming(-5, ChatKind.GROUP, 1, "/weather@ChorusBot", true, Incoming.Names.UNKNOWN, null,
                null, "ru"), out);
        commands.handle(new Incoming(-5, ChatKind.GROUP, 2, "/weather@ChorusBot", true, Incoming.Names.UNKNOWN, null,
                null, "en-GB"), out);
        commands.handle(new Incoming(3, ChatKind.PRIVATE, 3, "/help", true, Incoming.Names.UNKNOWN, null, null,
                "ru-RU"), out);
        commands.handle(new Incoming(3, ChatKind.PRIVATE, 3, "what is rust", true, Incoming.Names.UNKNOWN, null, null,
                "ru-RU"), out);
        assertThat(out.replies.get(0).body()).isEqualTo("Я не знаю команды /weather. Что я умею — в /help.");
        assertThat(out.replies.get(1).body()).isEqualTo("I don't know /weather. Send /help to see what I can do.");
        assertThat(out.replies.get(2).body()).startsWith("Команды:\n/ask — Задать вопрос")
                .contains("/language — ", "В этом чате можно просто написать вопрос.");
        // the model's answer is as it wrote it; the buttons around it are in the asker's language
        Reply answer = out.replies.get(3);
        assertThat(answer.body()).isEqualTo("**Answer** to what is rust");
        assertThat(answer.buttons()).extracting(Reply.Button::text)
                .contains("Почему эта модель?", "Трассировка", "↻ Модель сильнее", "👍");
        String why = answer.buttons().stream().filter(b -> b.data().startsWith("why:")).findFirst().orElseThrow().data();
        commands.handle(new Callback(3, ChatKind.PRIVATE, 3, 10, "cb1", why, "ru"), out);
        assertThat(out.replies.getLast().body()).startsWith("Почему gpt-4o-mini?\nЗадача: ").contains("Выбор: ");
    }

    @Test
    void languageCommandShowsSwitchesAndRemembersTheChoiceAcrossARestart() {
        commands.handle(new Incoming(5, ChatKind.PRIVATE, 5, "/language", true, Incoming.Names.UNKNOWN, null, null,
                "en"), out);
        assertThat(out.replies.getLast().body()).startsWith("I speak English with you.");
        assertThat(out.replies.getLast().buttons()).extracting(Reply.Button::text, Reply.Button::data)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("English", "lang:en"),
                        org.assertj.core.groups.Tuple.tuple("Русский", "lang:ru"));
        commands.handle(new Incoming(5, ChatKind.PRIVATE, 5, "/language klingon", true, Incoming.Names.UNKNOWN, null,
                null, "en"), out);
        assertThat(out.replies.getLast().body()).isEqualTo("I don't speak 'klingon'. Choose /language en or /language ru.");
        commands.handle(new Incoming(5, ChatKind.PRIVATE, 5, "/language ru", true, Incoming.Names.UNKNOWN, null, null,
                "en"), out);
        assertThat(out.replies.getLast().body()).isEqualTo("Теперь я говорю с вами: русский.");

        // a new handler on the same database, as after a restart: the choice wins over the app's English
        ChatCommands restarted = new ChatCommands("ChorusBot", services);
        restarted.handle(new Incoming(5, ChatKind.PRIVATE, 5, "/weather", true, Incoming.Names.UNKNOWN, null, null,
                "en"), out);
        assertThat(out.replies.getLast().body()).isEqualTo("Я не знаю команды /weather. Что я умею — в /help.");
        assertThat(restarted.textsOf(5).language()).isEqualTo(dev.chorus.i18n.Language.RU);

        // the button switches back
        restarted.handle(new Callback(5, ChatKind.PRIVATE, 5, 10, "cb9", "lang:en", "ru"), out);
        assertThat(out.acknowledged).contains("cb9:null");
        assertThat(out.replies.getLast().body()).isEqualTo("From now on I speak English with you.");
        restarted.handle(new Incoming(5, ChatKind.PRIVATE, 5, "/weather", true, Incoming.Names.UNKNOWN, null, null,
                "ru"), out);
        assertThat(out.replies.getLast().body()).isEqualTo("I don't know /weather. Send /help to see what I can do.");
    }

    @Test
    void someoneNotWritingIsAddressedInTheLanguageTheirAppLastReported() {
        assertThat(commands.textsOf(77).language()).isEqualTo(dev.chorus.i18n.Language.EN);
        commands.handle(new Incoming(77, ChatKind.PRIVATE, 77, "/help", true, Incoming.Names.UNKNOWN, null, null,
                "ru"), out);
        assertThat(commands.textsOf(77).language()).isEqualTo(dev.chorus.i18n.Language.RU);
        assertThat(commands.textsOf(77).render(dev.chorus.i18n.Phrase.of("alert.who.global"))).isEqualTo("всего бота");
    }

    private long budgetRows() {
        Long rows = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM budgets").mapTo(Long.class).one());
        return rows;
    }

    @Test
    void usageIsAChartWithTheNumbersInTheCaption() throws Exception {
        commands.handle(new Incoming(5, ChatKind.PRIVATE, 5, "/usage", true), out);
        assertThat(out.replies.getFirst().body()).isEqualTo("You have not spent anything in the last 30 days.");
        commands.handle(new Incoming(5, ChatKind.PRIVATE, 5, "what is rust", true), out);
        commands.handle(new Incoming(5, ChatKind.PRIVATE, 5, "/usage", true), out);
        assertThat(out.photos).singleElement().satisfies(photo -> {
            assertThat(photo.caption()).contains("Your spend, ", ": $0.000005", "gpt-4o-mini: $0.000005");
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(photo.png()));
            assertThat(image.getWidth()).isEqualTo(900);
            assertThat(image.getHeight()).isEqualTo(600);
            java.nio.file.Files.write(dir.resolve("usage.png"), photo.png());
        });
    }

    static final class RecordingOutput implements ChatOutput {
        final List<Reply> replies = new ArrayList<>();
        final List<Photo> photos = new ArrayList<>();
        final List<String> acknowledged = new ArrayList<>();

        record Photo(byte[] png, String caption) {
        }

        @Override
        public void sendPhoto(byte[] png, String caption) {
            photos.add(new Photo(png, caption));
        }
        int typingStarted;
        int typingStopped;

        @Override
        public Typing typing() {
            typingStarted++;
            return () -> typingStopped++;
        }

        final List<Integer> edited = new ArrayList<>();

        @Override
        public void send(Reply reply) {
            replies.add(reply);
        }

        @Override
        public void edit(int messageId, Reply reply) {
            edited.add(messageId);
            replies.add(reply);
        }

        @Override
        public AnswerStream startAnswer(java.util.function.IntConsumer previewShown) {
            Typing typing = typing();
            return new AnswerStream() {
                @Override
                public void onText(String delta) {
                }

                @Override
                public void finish(Reply reply) {
                    typing.close();
                    send(reply);
                }
            };
        }

        @Override
        public void acknowledge(String callbackId, String text) {
            acknowledged.add(callbackId + ":" + text);
        }
    }
}
