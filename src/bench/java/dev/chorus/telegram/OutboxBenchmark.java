package dev.chorus.telegram;

import dev.chorus.store.Database;
import dev.chorus.store.Outbox;
import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * What the outbox costs a message: from handing a reply to the mailroom (written to SQLite, the
 * sender woken) until a Bot API client that answers at once is handed it (marking the row sent
 * follows, off the measured path of the next message only when another chat is due). {@link #oneMessage} is the latency of one message to a quiet chat; {@link #burstOf200} the
 * time for 200 messages to 200 chats posted at once (divide by 200 for the cost per message under
 * load). The database is a real file on disk, as in production.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class OutboxBenchmark {
    private Path dir;
    private Database database;
    private OutboxSender sender;
    private Mailroom mailroom;
    private final ConcurrentHashMap<String, CountDownLatch> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger chat = new AtomicInteger();

    @Setup
    public void start() throws IOException {
        dir = Files.createTempDirectory("outbox-bench");
        database = Database.open(dir.resolve("bench.db"));
        Outbox outbox = new Outbox(database, Clock.systemUTC());
        TelegramClient client = (TelegramClient) Proxy.newProxyInstance(TelegramClient.class.getClassLoader(),
                new Class<?>[] {TelegramClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("execute") && args[0] instanceof SendMessage m) {
                        CountDownLatch latch = waiting.get(m.getText());
                        if (latch != null) {
                            latch.countDown();
                        }
                        Message sent = new Message();
                        sent.setMessageId(ids.incrementAndGet());
                        return sent;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        sender = new OutboxSender(outbox, new TelegramGateway(client, d -> { }), Clock.systemUTC(), Duration.ofHours(1));
        sender.start();
        mailroom = Mailroom.of(outbox, sender);
    }

    @TearDown
    public void stop() throws IOException {
        sender.close();
        database.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public Serializable oneMessage() throws InterruptedException {
        return post(1);
    }

    @Benchmark
    public Serializable burstOf200() throws InterruptedException {
        return post(200);
    }

    private Serializable post(int chats) throws InterruptedException {
        String tag = "m" + ids.incrementAndGet();
        CountDownLatch delivered = new CountDownLatch(chats);
        waiting.put(tag, delivered);
        for (int i = 0; i < chats; i++) {
            mailroom.post(chat.incrementAndGet(), List.of(Outbox.Message.send(tag, true, null, null, null, null)));
        }
        if (!delivered.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the outbox did not deliver");
        }
        waiting.remove(tag);
        return tag;
    }
}
