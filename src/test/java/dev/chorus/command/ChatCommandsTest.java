package dev.chorus.command;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.chorus.config.BudgetSettings;
import dev.chorus.store.JdbiDirectory;
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

class ChatCommandsTest {
    @TempDir
    Path dir;
    ScriptedChatClient client;
    ChatCommands commands;
    RecordingOutput out = new RecordingOutput();
    List<String> alerts = new ArrayList<>();
    Database database;

    @BeforeEach
    void setUp() {
        client = new ScriptedChatClient(r -> r.messages().getLast().content().contains("fail")
                ? new ChatOutcome.RateLimited(null, "429")
                : new ChatOutcome.Completed("**Answer** to " + r.messages().getLast().content(),
                new Usage(10, 0, 5, 0, false), "gpt-4o-mini", FinishReason.STOP));
        AskService asks = TestAsks.service(client, new JdbiCallLog(Database.open(dir.resolve("c.db"))),
                "gpt-4o-mini", 100);
        database = Database.open(dir.resolve("users.db"));
        commands = new ChatCommands("ChorusBot", new Services(asks, new JdbiDirectory(database, Clock.systemUTC()),
                Set.of(99L), () -> List.of(new ProviderHealth("openai", "CLOSED", Duration.ofMillis(800),
                        Duration.ofMillis(2100), 0f), new ProviderHealth("anthropic", "OPEN", null, null, 100f)),
                new BudgetService(new BudgetLedger(database), BudgetSettings.DEFAULTS, Set.of(99L), Clock.systemUTC(),
                        new BudgetAlerts(new BudgetLedger(database), new JdbiDirectory(database, Clock.systemUTC()),
                                Clock.systemUTC(), alerts::add)),
                (chat, user) -> user == 77L));
    }

    @Test
    void privatePlainTextIsAQuestionAnsweredWithFooterWhileTyping() {
        commands.handle(new Incoming(1, ChatKind.PRIVATE, 1, "what is rust", true), out);
        assertThat(out.replies).singleElement().satisfies(r -> {
            assertThat(r.format()).isEqualTo(Reply.Format.MARKDOWN);
            assertThat(r.body()).isEqualTo("**Answer** to what is rust");
            assertThat(r.footer()).matches("gpt-4o-mini · \\$0\\.000005 · \\d+\\.\\ds");
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

    static final class RecordingOutput implements ChatOutput {
        final List<Reply> replies = new ArrayList<>();
        int typingStarted;
        int typingStopped;

        @Override
        public Typing typing() {
            typingStarted++;
            return () -> typingStopped++;
        }

        @Override
        public void send(Reply reply) {
            replies.add(reply);
        }
    }
}
