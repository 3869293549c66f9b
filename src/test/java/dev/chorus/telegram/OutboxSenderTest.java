package dev.chorus.telegram;

import dev.chorus.testing.StoreKind;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.chorus.store.Database;
import dev.chorus.store.Outbox;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** The outbox on a real SQLite file; the Bot API client is the narrow seam, failing as Telegram does. */
/** Runs on SQLite and on PostgreSQL. */
@ParameterizedClass
@EnumSource(StoreKind.class)
class OutboxSenderTest {
    @Parameter
    StoreKind kind;

    @TempDir
    Path dir;
    Database database;
    Outbox outbox;
    final TelegramClient client = mock(TelegramClient.class);
    final List<SendMessage> sent = new CopyOnWriteArrayList<>();
    OutboxSender sender;

    @BeforeEach
    void open() {
        database = kind.open(dir.resolve("outbox.db"));
        outbox = new Outbox(database, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        if (sender != null) {
            sender.close();
        }
        database.close();
    }

    private void start(Duration expiry) {
        sender = new OutboxSender(outbox, new TelegramGateway(client, d -> { }), Clock.systemUTC(), expiry,
                Duration.ofMillis(20));
        sender.start();
    }

    private static Outbox.Message text(String text) {
        return Outbox.Message.send(text, true, null, null, null, null);
    }

    private static Message message(int id) {
        Message m = new Message();
        m.setMessageId(id);
        return m;
    }

    private static TelegramApiRequestException error(String fixture) {
        return new TelegramApiRequestException("Error executing method", TelegramFixtures.error(fixture));
    }

    @Test
    void aChatsMessagesWaitForTheOneBeforeThemAndEachGoesOnce() throws Exception {
        when(client.execute(any(SendMessage.class))).thenAnswer(call -> {
            SendMessage m = call.getArgument(0);
            sent.add(m);
            if (sent.size() <= 2) {
                throw new TelegramApiException("Unable to execute sendmessage method");
            }
            return message(sent.size());
        });
        start(Duration.ofHours(1));
        outbox.enqueue(1, List.of(text("first"), text("second")));
        sender.wake();
        await(() -> outbox.pending() == 0);
        // two failed tries of the first, then the first, then the second: never the second before the first
        assertThat(sent).extracting(SendMessage::getText).containsExactly("first", "first", "first", "second");
    }

    @Test
    void aFloodLimitHoldsTheChatForWhatTelegramAsks() throws Exception {
        when(client.execute(any(SendMessage.class))).thenThrow(error("error_429_too_many_requests.json"))
                .thenReturn(message(3));
        start(Duration.ofHours(1));
        Instant before = Instant.now();
        outbox.enqueue(1, List.of(text("hello")));
        sender.wake();
        await(() -> outbox.head(1).map(p -> p.attempts() == 1).orElse(false));
        // the recorded error asks for 5 s
        assertThat(outbox.head(1).orElseThrow().nextAttemptAt()).isAfter(before.plusSeconds(4));
    }

    @Test
    void htmlTelegramRefusesGoesOutAsPlainTextAndAGoneReplyAsAPlainMessage() throws Exception {
        when(client.execute(any(SendMessage.class))).thenAnswer(call -> {
            SendMessage m = call.getArgument(0);
            sent.add(m);
            if ("HTML".equals(m.getParseMode())) {
                throw error("error_400_cant_parse_entities.json");
            }
            if (m.getReplyParameters() != null) {
                throw new TelegramApiRequestException("Error executing method", TelegramFixtures.error(
                        "error_400_cant_parse_entities.json")) {
                    @Override
                    public String getMessage() {
                        return "Bad Request: message to be replied not found";
                    }

                    @Override
                    public Integer getErrorCode() {
                        return 400;
                    }
                };
            }
            return message(9);
        });
        start(Duration.ofHours(1));
        outbox.enqueue(1, List.of(Outbox.Message.send("<b>bold</b> &amp; more", true, 77, null, null, null)));
        sender.wake();
        await(() -> outbox.pending() == 0);
        assertThat(sent.getLast().getText()).isEqualTo("bold & more");
        assertThat(sent.getLast().getReplyParameters()).isNull();
    }

    @Test
    void aBlockedChatIsGivenUpAndOtherChatsGoOn() throws Exception {
        when(client.execute(any(SendMessage.class))).thenAnswer(call -> {
            SendMessage m = call.getArgument(0);
            if (m.getChatId().equals("1")) {
                throw error("error_403_bot_blocked.json");
            }
            sent.add(m);
            return message(5);
        });
        start(Duration.ofHours(1));
        outbox.enqueue(1, List.of(text("to the one who left")));
        outbox.enqueue(2, List.of(text("to the one who stayed")));
        sender.wake();
        await(() -> outbox.pending() == 0);
        assertThat(sent).extracting(SendMessage::getText).containsExactly("to the one who stayed");
    }

    @Test
    void aMessageTelegramNeverTakesExpiresAndIsCounted() throws Exception {
        when(client.execute(any(SendMessage.class))).thenThrow(new TelegramApiException("connection refused"));
        start(Duration.ofMillis(200));
        outbox.enqueue(1, List.of(text("lost cause")));
        sender.wake();
        await(() -> outbox.expired() == 1);
        assertThat(outbox.pending()).isZero();
    }

    @Test
    void anEditOfAnUnchangedOrVanishedMessageEndsWellEitherWay() throws Exception {
        when(client.execute(any(EditMessageText.class)))
                .thenThrow(new TelegramApiRequestException("Error executing method",
                        TelegramFixtures.error("error_400_message_not_modified.json")));
        when(client.execute(any(SendMessage.class))).thenReturn(message(12));
        start(Duration.ofHours(1));
        outbox.enqueue(1, List.of(new Outbox.Message(Outbox.Kind.EDIT, "same text", true, null, 40, null, null, null)));
        sender.wake();
        await(() -> outbox.pending() == 0);
        long sentRows = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM outbox WHERE state = 'sent' AND message_id = 40").mapTo(Long.class).one());
        assertThat(sentRows).isEqualTo(1);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(10);
        }
    }
}
