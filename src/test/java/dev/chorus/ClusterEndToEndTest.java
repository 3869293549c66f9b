package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.testing.BotCall;
import dev.chorus.testing.FakeOpenAi;
import dev.chorus.testing.WebhookUpdates;
import dev.chorus.testing.PostgresServer;
import dev.chorus.testing.RedisServer;
import dev.chorus.testing.TelegramEmulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three replicas of the real bot (the real Main, each in its own JVM) in webhook mode on one
 * PostgreSQL and one Redis, behind a balancer played by this test: it posts Telegram's updates
 * round-robin, some twice to two replicas, skipping a replica that does not answer. The replicas'
 * own calls go to the Telegram emulator and a fake OpenAI. Shown: a user's rate limit holds across
 * replicas; an update posted to two replicas is answered once; a chat's messages are answered in
 * order; a replica killed mid-answer has its question answered by another, once, and its
 * reservation reconciled, while the others keep serving; 200 concurrent questions at the edge of
 * the bot's budget overspend nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterEndToEndTest {
    private static final String TOKEN = "7482915360:AAE2e-ClusterTestTokenNeverLogged";
    private static final String SECRET = "cluster-webhook-secret-0123456789";
    private static final int REPLICAS = 3;
    private static final long ADMIN = 81_999;

    // kept when a test fails: the replicas' logs are in it
    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    static Path dir;
    static TelegramEmulator telegram;
    static FakeOpenAi openAi;
    static RedisServer redis;
    static String dbUrl;
    static final List<Replica> replicas = new ArrayList<>();
    static final AtomicInteger nextReplica = new AtomicInteger();
    static final AtomicLong nextUpdate = new AtomicLong(70_000_000);

    /** One bot process and the port its webhook listens on. */
    record Replica(String name, int port, Process process, Path log) {
        boolean alive() {
            return process.isAlive();
        }
    }

    @BeforeAll
    static void startCluster() throws Exception {
        dbUrl = PostgresServer.shared().newDatabase();
        redis = RedisServer.start();
        telegram = TelegramEmulator.start("ChorusTestBot");
        openAi = new FakeOpenAi(true);
        for (int i = 1; i <= REPLICAS; i++) {
            replicas.add(startReplica("replica" + i));
        }
        for (Replica replica : replicas) {
            awaitLog(replica, "takes webhook updates", Duration.ofSeconds(60));
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (Replica replica : replicas) {
            replica.process().destroy();
        }
        for (Replica replica : replicas) {
            if (!replica.process().waitFor(10, TimeUnit.SECONDS)) {
                replica.process().destroyForcibly();
            }
        }
        if (openAi != null) {
            openAi.close();
        }
        if (telegram != null) {
            telegram.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static Replica startReplica(String name) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path config = Files.write(dir.resolve(name + ".properties"), List.of(
                "telegram.token=" + TOKEN,
                "telegram.base-url=" + telegram.baseUrl(),
                "telegram.mode=webhook",
                "telegram.webhook-port=" + port,
                "telegram.webhook-path=/hook",
                "telegram.webhook-secret=" + SECRET,
                "db.url=" + dbUrl,
                "db.user=" + PostgresServer.USER,
                "db.pool-size=8",
                "redis.url=" + redis.url(),
                "openai.api-key=sk-cluster-test-key-never-logged",
                "openai.base-url=" + openAi.baseUrl(),
                "model.default=gpt-4o-mini",
                "cache.embeddings=off",
                "admins=" + ADMIN,
                "budget.user=5.00/day",
                "budget.global=100.00/day"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx384m", "-cp",
                System.getProperty("java.class.path"), "dev.chorus.Main", "--config", config.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("CHORUS_") || k.endsWith("_API_KEY")
                || k.equals("TELEGRAM_BOT_TOKEN") || k.endsWith("_BASE_URL"));
        builder.environment().put("HOSTNAME", name);
        return new Replica(name, port, builder.start(), log);
    }

    private static void awaitLog(Replica replica, String line, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String text = Files.readString(replica.log(), StandardCharsets.UTF_8);
            if (text.contains(line)) {
                return;
            }
            if (!replica.alive()) {
                throw new AssertionError(replica.name() + " stopped:\n" + text);
            }
            Thread.sleep(100);
        }
        throw new AssertionError(replica.name() + " never logged '" + line + "':\n" + Files.readString(replica.log()));
    }

    // --- the balancer ---

    /** Posts to the next live replica, round-robin; a replica that does not answer is skipped. */
    private static Replica deliver(String update) {
        for (int tries = 0; tries < REPLICAS * 2; tries++) {
            Replica replica = replicas.get(Math.floorMod(nextReplica.getAndIncrement(), REPLICAS));
            if (post(replica, update) == 200) {
                return replica;
            }
        }
        throw new AssertionError("no replica took the update");
    }

    private static int post(Replica replica, String body) {
        return WebhookUpdates.post(replica.port(), SECRET, body);
    }

    private static String ask(long userId, String text) {
        return WebhookUpdates.privateMessage(nextUpdate.incrementAndGet(), userId, text);
    }

    // --- what came out ---

    private static List<BotCall> finalMessagesTo(long chatId, long since) {
        return telegram.callsSince(since).stream().filter(c -> c.chatId() == chatId && c.is("sendMessage")).toList();
    }

    private static boolean isAnswer(BotCall call) {
        return call.text().contains("<i>—");
    }

    private static void await(long since, Duration timeout, Predicate<List<BotCall>> done) {
        telegram.await(since, timeout, done);
    }

    private static long questionsSentToOpenAi(String containing) {
        return openAi.requests().stream().filter(r -> r.toString().contains(containing)).count();
    }

    private static long sql(String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(dbUrl, PostgresServer.USER, "");
             ResultSet rs = c.createStatement().executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void update(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(dbUrl, PostgresServer.USER, "")) {
            c.createStatement().execute(statement);
        }
    }

    // --- the scenarios, in order: the last one spends the bot's budget to its edge ---

    @Test
    @Order(1)
    void aUsersRateLimitHoldsAcrossReplicas() throws Exception {
        // three chats of one person, each first reaching another replica, which then owns it: a limit kept
        // per replica would let each replica take its own three questions
        long user = 81_001;
        List<String> chats = List.of("private", "group:-100810011", "group:-100810012");
        for (int round = 1; round <= 3; round++) {
            for (String chat : chats) {
                String text = "Shared limit question " + round + " in " + chat;
                deliver(chat.equals("private") ? ask(user, text)
                        : WebhookUpdates.groupMessage(nextUpdate.incrementAndGet(), Long.parseLong(chat.substring(6)), user,
                                "/ask@ChorusTestBot " + text));
            }
        }
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline) && questionsSentToOpenAi("Shared limit question") < 3) {
            Thread.sleep(100);
        }
        Thread.sleep(3_000);
        // a person may ask 3 at once, then 6 a minute: 3, or 4 if one came back while these were handled
        assertThat(questionsSentToOpenAi("Shared limit question")).as("the person's limit, across replicas")
                .isBetween(3L, 4L);
    }

    @Test
    @Order(2)
    void anUpdatePostedToTwoReplicasIsAnsweredOnce() throws Exception {
        long user = 81_002;
        long mark = telegram.mark();
        String update = ask(user, "Twice delivered question about volcanoes");
        try (ExecutorService both = Executors.newFixedThreadPool(2)) {
            Future<Integer> a = both.submit(() -> post(replicas.get(0), update));
            Future<Integer> b = both.submit(() -> post(replicas.get(1), update));
            assertThat(List.of(a.get(), b.get())).containsOnly(200);
        }
        assertThat(post(replicas.get(2), update)).as("and a third time, later").isEqualTo(200);
        await(mark, Duration.ofSeconds(20), calls -> finalMessagesTo(user, mark).stream().anyMatch(c -> isAnswer(c)));
        Thread.sleep(1_500);
        assertThat(finalMessagesTo(user, mark)).filteredOn(ClusterEndToEndTest::isAnswer).hasSize(1);
        assertThat(questionsSentToOpenAi("Twice delivered question")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aChatsMessagesAreAnsweredInTheOrderTheyWereSent() throws Exception {
        // the first answer is slow; the next two reach other replicas while it is being written
        long user = 81_003;
        long mark = telegram.mark();
        deliver(ask(user, "Ordered question 1 about mountains " + FakeOpenAi.SLOW_ANSWER));
        deliver(ask(user, "Ordered question 2 about mountains"));
        deliver(ask(user, "Ordered question 3 about mountains"));
        await(mark, Duration.ofSeconds(30),
                calls -> finalMessagesTo(user, mark).stream().filter(c -> isAnswer(c)).count() >= 3);
        List<Integer> asked = openAi.requests().stream().map(Object::toString)
                .filter(r -> r.contains("Ordered question "))
                .map(r -> Integer.parseInt(r.replaceAll("(?s).*Ordered question (\\d).*", "$1"))).toList();
        assertThat(asked).containsExactly(1, 2, 3);
        assertThat(finalMessagesTo(user, mark).getFirst().text()).as("the slow one's answer goes out first")
                .contains("word by word");
    }

    @Test
    @Order(4)
    void aReplicaKilledMidAnswerIsTakenOverAndTheOthersKeepServing() throws Exception {
        long user = 81_004;
        long mark = telegram.mark();
        deliver(ask(user, "Killed mid-answer question " + FakeOpenAi.SLOW_ANSWER));
        await(mark, Duration.ofSeconds(20), calls -> calls.stream()
                .anyMatch(c -> c.chatId() == user && c.is("sendMessageDraft")));
        String ownerName = redis.get("chorus:chat:" + user + ":owner");
        Replica owner = replicas.stream().filter(r -> ownerName != null && ownerName.startsWith(r.name() + "-"))
                .findFirst().orElseThrow(() -> new AssertionError("no replica owns the chat: " + ownerName));
        owner.process().destroyForcibly(); // SIGKILL, mid-answer
        owner.process().waitFor(10, TimeUnit.SECONDS);
        assertThat(sql("SELECT COUNT(*) FROM reservations WHERE state IN ('open', 'sent') AND owner LIKE '"
                + owner.name() + "-%'")).as("the killed replica's call holds money").isPositive();

        long other = 81_005;
        long otherMark = telegram.mark();
        deliver(ask(other, "Question while a replica is down about rivers"));
        await(otherMark, Duration.ofSeconds(20),
                calls -> finalMessagesTo(other, otherMark).stream().anyMatch(c -> isAnswer(c)));

        // the user asks again meanwhile: it waits in the chat's queue behind the question left unfinished
        deliver(ask(user, "Follow-up after the kill about lakes"));

        // the lease runs out: another replica answers the question again and closes the money held
        await(mark, Duration.ofSeconds(60),
                calls -> finalMessagesTo(user, mark).stream().filter(c -> isAnswer(c)).count() >= 2);
        Thread.sleep(2_000);
        List<BotCall> answers = finalMessagesTo(user, mark).stream().filter(ClusterEndToEndTest::isAnswer).toList();
        assertThat(answers).hasSize(2);
        assertThat(answers.getFirst().text()).as("the question left unfinished is answered first")
                .contains("word by word");
        List<String> asked = openAi.requests().stream().map(Object::toString)
                .filter(r -> r.contains("Killed mid-answer question") || r.contains("Follow-up after the kill"))
                .map(r -> r.contains("Follow-up after the kill") ? "follow-up" : "killed").toList();
        assertThat(asked).as("asked of the model").containsExactly("killed", "killed", "follow-up");
        assertThat(sql("SELECT COUNT(*) FROM reservations WHERE state IN ('open', 'sent') AND owner LIKE '"
                + owner.name() + "-%'")).as("reconciled").isZero();
        assertThat(sql("SELECT COUNT(*) FROM reservations WHERE state = 'reconciled'")).isPositive();
        // by the chat's new owner, so it is answered in the chat's order, not beside it
        String resumerName = redis.get("chorus:chat:" + user + ":owner");
        assertThat(resumerName).as("the chat has a new owner").isNotNull();
        for (Replica replica : replicas) {
            boolean resumed = Files.readString(replica.log()).contains("were being answered by a process that stopped")
                    || Files.readString(replica.log()).contains("a question a stopped replica was answering");
            assertThat(resumed).as(replica.name() + " answered the question again").isEqualTo(replica != owner
                    && resumerName.startsWith(replica.name() + "-"));
        }
        int index = replicas.indexOf(owner);
        replicas.set(index, startReplica(owner.name() + "b"));
        awaitLog(replicas.get(index), "takes webhook updates", Duration.ofSeconds(60));
    }

    @Test
    @Order(5)
    void aRefusedKeyIsToldToTheAdminOnceNotOncePerReplica() throws Exception {
        long mark = telegram.mark();
        List<Long> users = List.of(81_101L, 81_102L, 81_103L);
        for (long user : users) {
            deliver(ask(user, "Refused key question " + FakeOpenAi.AUTH_PRIMARY));
        }
        await(mark, Duration.ofSeconds(30), calls -> users.stream().allMatch(u -> !finalMessagesTo(u, mark).isEmpty()));
        List<String> owners = new ArrayList<>();
        for (long user : users) {
            String owner = redis.get("chorus:chat:" + user + ":owner");
            owners.add(owner == null ? "none" : owner.substring(0, owner.lastIndexOf('-')));
        }
        // round-robin: each on another replica (at least two, should a sweep have taken one chat first)
        assertThat(owners.stream().distinct().count()).as("replicas that met the refused key: " + owners)
                .isGreaterThanOrEqualTo(2);
        Thread.sleep(2_000);
        assertThat(finalMessagesTo(ADMIN, mark)).filteredOn(c -> c.text().contains("refused"))
                .as("the admin's alerts").hasSize(1);
    }

    @Test
    @Order(6)
    void twoHundredConcurrentQuestionsAtTheBudgetsEdgeOverspendNothing() throws Exception {
        // room for at most 100 of the 200 answers (at what the cheapest one cost), and less while
        // calls in flight hold more than they will cost: many must be refused, all at once
        long perAnswer = sql("SELECT MIN(charged_micros) FROM reservations WHERE purpose = 'answer' AND state = 'settled' "
                + "AND charged_micros > 0");
        long spent = sql("SELECT COALESCE(SUM(amount_micros), 0) FROM ledger WHERE scope_kind = 'global' AND kind = 'charge'");
        long limit = spent + 100 * perAnswer;
        update("INSERT INTO budgets (scope_kind, scope_id, group_id, limit_micros, period, updated_at, updated_by) "
                + "VALUES ('global', 0, 0, " + limit + ", 'day', '" + Instant.now() + "', 0) "
                + "ON CONFLICT (scope_kind, scope_id, group_id) DO UPDATE SET limit_micros = excluded.limit_micros");
        Thread.sleep(2_500); // each replica keeps a budget row two seconds
        long mark = telegram.mark();
        int count = 200;
        try (ExecutorService balancer = Executors.newFixedThreadPool(50)) {
            List<Future<Replica>> posted = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long user = 90_000 + i;
                posted.add(balancer.submit(() -> deliver(ask(user, "Edge question from " + user + " about stars"))));
            }
            for (Future<Replica> f : posted) {
                f.get();
            }
        }
        await(mark, Duration.ofSeconds(120), calls -> calls.stream()
                .filter(c -> c.is("sendMessage") && c.chatId() >= 90_000 && c.chatId() < 90_000 + count)
                .map(BotCall::chatId).distinct().count() >= count);
        Map<Boolean, Long> outcome = telegram.callsSince(mark).stream()
                .filter(c -> c.is("sendMessage") && c.chatId() >= 90_000 && c.chatId() < 90_000 + count)
                .collect(Collectors.partitioningBy(ClusterEndToEndTest::isAnswer, Collectors.counting()));
        Instant settleBy = Instant.now().plusSeconds(20);
        while (sql("SELECT COUNT(*) FROM reservations WHERE state IN ('open', 'sent')") > 0
                && Instant.now().isBefore(settleBy)) {
            Thread.sleep(200);
        }
        long charged = sql("SELECT COALESCE(SUM(amount_micros), 0) FROM ledger WHERE scope_kind = 'global' AND kind = 'charge'");
        long overspend = Math.max(0, charged - limit);
        System.out.printf("budget edge: %d answered, %d refused, charged %d of %d µ$, overspend %d µ$%n",
                outcome.get(true), outcome.get(false), charged, limit, overspend);
        assertThat(overspend).isZero();
        assertThat(outcome.get(true)).as("answered").isPositive();
        assertThat(outcome.get(false)).as("refused at the edge").isPositive();
        assertThat(outcome.get(true) + outcome.get(false)).as("one reply each, none lost or doubled").isEqualTo(count);
        assertThat(sql("SELECT COUNT(*) FROM reservations WHERE state IN ('open', 'sent')")).isZero();
        for (Replica replica : replicas) {
            assertThat(Files.readString(replica.log())).doesNotContain(SECRET, "sk-cluster-test-key-never-logged",
                    "ClusterTestTokenNeverLogged");
        }
    }
}
