package dev.chorus.load;

import dev.chorus.testing.PostgresServer;
import dev.chorus.testing.RedisServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load test of N replicas: N bot JVMs (the real Main) in webhook mode on one PostgreSQL and one
 * Redis (real servers, started here), the fake Bot API and the 0.5-3 s provider of {@link LoadTest},
 * and this driver as the balancer, posting Poisson arrivals round-robin (20 s of them first to warm
 * the JVMs up, not counted). Reports updates per second,
 * what the bot adds beyond the provider (p50/p95/p99), the webhook's answer time, and answers lost.
 *
 * <p>{@code bin/cluster-load [replicas] [seconds] [questions per second]}; defaults 3 60 6.
 */
public final class ClusterLoad {
    private static final String SECRET = "cluster-load-secret-0123456789";
    private static final Duration WARM_UP = Duration.ofSeconds(20);

    private ClusterLoad() {
    }

    public static void main(String[] args) throws Exception {
        int replicas = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        double rate = args.length > 2 ? Double.parseDouble(args[2]) : 6.0;
        int privateChats = 50;
        int groups = 50;
        int perGroup = 19;
        Path dir = Files.createTempDirectory("chorus-cluster-load");
        String db = PostgresServer.shared().newDatabase();
        List<Process> bots = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try (RedisServer redis = RedisServer.start(); FakeBotApi api = new FakeBotApi(); FakeLlm llm = new FakeLlm()) {
            for (int i = 1; i <= replicas; i++) {
                int port;
                try (ServerSocket free = new ServerSocket(0)) {
                    port = free.getLocalPort();
                }
                ports.add(port);
                Path config = Files.write(dir.resolve("replica" + i + ".properties"), List.of(
                        "telegram.token=7000000001:AAE-LoadTestTokenNotARealOne",
                        "telegram.base-url=" + api.baseUrl(),
                        "telegram.mode=webhook", "telegram.webhook-port=" + port, "telegram.webhook-path=/hook",
                        "telegram.webhook-secret=" + SECRET,
                        // CHORUS_LOAD_STORE=sqlite (one replica) and CHORUS_LOAD_REDIS=off take a shared part out
                        "sqlite".equals(System.getenv("CHORUS_LOAD_STORE")) ? "db.path=" + dir.resolve("chorus.db")
                                : "db.url=" + db,
                        "sqlite".equals(System.getenv("CHORUS_LOAD_STORE")) ? "" : "db.user=" + PostgresServer.USER,
                        "off".equals(System.getenv("CHORUS_LOAD_REDIS")) ? "" : "redis.url=" + redis.url(),
                        "openai.api-key=sk-load-test-key-not-real", "openai.base-url=" + llm.baseUrl(),
                        "model.default=gpt-4o-mini", "model.fallbacks=", "cache.embeddings=off",
                        "budget.user=1000/day", "budget.group=1000/day", "budget.global=100000/day",
                        "limits.user-questions-per-minute=60", "limits.group-questions-per-minute=60"));
                ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                        "dev.chorus.Main", "--config", config.toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("replica" + i + ".log").toFile());
                builder.environment().put("HOSTNAME", "replica" + i);
                bots.add(builder.start());
            }
            for (int i = 1; i <= replicas; i++) {
                awaitLog(dir.resolve("replica" + i + ".log"), "takes webhook updates");
            }
            Map<Long, Deque<Long>> waiting = new ConcurrentHashMap<>();
            Map<Long, Long> askedAt = new ConcurrentHashMap<>();
            Map<Long, Long> answeredAt = new ConcurrentHashMap<>();
            List<Double> webhookMillis = Collections.synchronizedList(new ArrayList<>());
            api.onSent(sent -> {
                if (sent.text().contains("<i>— ")) {
                    Deque<Long> queue = waiting.get(sent.chatId());
                    Long q = queue == null ? null : queue.pollFirst();
                    if (q != null) {
                        answeredAt.putIfAbsent(q, sent.at());
                    }
                }
            });
            AtomicInteger next = new AtomicInteger();
            AtomicLong refused = new AtomicLong();
            Random random = new Random(42);
            // the same arrivals for WARM_UP seconds first, not counted: each JVM's JIT and pools warm up
            long warmStart = System.nanoTime();
            long start = warmStart + WARM_UP.toNanos();
            long end = start + seconds * 1_000_000_000L;
            long arrival = warmStart;
            long asked = 0;
            long warmQuestions = 0;
            try (ExecutorService posts = Executors.newVirtualThreadPerTaskExecutor()) {
                while (true) {
                    arrival += (long) (-Math.log(1 - random.nextDouble()) / rate * 1e9);
                    if (arrival > end) {
                        break;
                    }
                    long sleep = arrival - System.nanoTime();
                    if (sleep > 0) {
                        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                    }
                    long q = ++asked;
                    if (arrival < start) {
                        warmQuestions = q;
                    }
                    int user = random.nextInt(privateChats + groups * perGroup);
                    String question = "Explain topic " + q + " in two sentences [q:" + q + "]";
                    long chat = user < privateChats ? user + 1 : -(1_000 + (long) ((user - privateChats) / perGroup));
                    String text = chat > 0 ? question : "/ask@ChorusLoadBot " + question;
                    String update = api.updateJson(chat, 10_000 + user, text);
                    waiting.computeIfAbsent(chat, c -> new ConcurrentLinkedDeque<>()).addLast(q);
                    askedAt.put(q, System.nanoTime());
                    int port = ports.get(Math.floorMod(next.getAndIncrement(), replicas));
                    posts.submit(() -> {
                        long posted = System.nanoTime();
                        int status = post(http, port, update);
                        webhookMillis.add((System.nanoTime() - posted) / 1e6);
                        if (status != 200) {
                            refused.incrementAndGet();
                        }
                    });
                }
            }
            double arrivalSeconds = (System.nanoTime() - start) / 1e9;
            long drainUntil = System.nanoTime() + 90_000_000_000L;
            while (answeredAt.size() < asked && System.nanoTime() < drainUntil) {
                Thread.sleep(200);
            }
            long warm = warmQuestions;
            askedAt.keySet().removeIf(q -> q <= warm);
            answeredAt.keySet().removeIf(q -> q <= warm);
            webhookMillis.subList(0, (int) Math.min(warm, webhookMillis.size())).clear();
            asked -= warm;
            List<Double> added = new ArrayList<>();
            for (Map.Entry<Long, Long> e : answeredAt.entrySet()) {
                Long provider = llm.providerNanos(e.getKey());
                if (provider != null) {
                    added.add(Math.max(0, e.getValue() - askedAt.get(e.getKey()) - provider) / 1e6);
                }
            }
            Collections.sort(added);
            List<Double> before = new ArrayList<>();
            List<Double> after = new ArrayList<>();
            for (Map.Entry<Long, Long> e : answeredAt.entrySet()) {
                long[] window = llm.window(e.getKey());
                if (window != null) {
                    before.add((window[0] - askedAt.get(e.getKey())) / 1e6);
                    after.add((e.getValue() - window[1]) / 1e6);
                }
            }
            Collections.sort(before);
            Collections.sort(after);
            List<Double> hook = new ArrayList<>(webhookMillis);
            Collections.sort(hook);
            System.out.printf(Locale.ROOT, "== cluster load: %d replicas, %d s of Poisson arrivals at %.1f questions/s, "
                    + "50 private chats and 50 groups of 19%n", replicas, seconds, rate);
            System.out.printf(Locale.ROOT, "updates posted %d (%.2f/s), refused %d; answered %d (%.2f/s), lost %d%n",
                    asked, asked / arrivalSeconds, refused.get(), answeredAt.size(), answeredAt.size() / arrivalSeconds,
                    asked - answeredAt.size());
            System.out.printf(Locale.ROOT, "bot adds beyond the provider, ms: p50 %.1f, p95 %.1f, p99 %.1f, max %.1f%n",
                    LoadTest.pct(added, 50), LoadTest.pct(added, 95), LoadTest.pct(added, 99), added.isEmpty() ? 0 : added.getLast());
            System.out.printf(Locale.ROOT, "  of which, ms (p50 / p95 / p99): posted until the provider call %.1f / %.1f / "
                    + "%.1f; provider done until the answer is at Telegram %.1f / %.1f / %.1f%n", LoadTest.pct(before, 50),
                    LoadTest.pct(before, 95), LoadTest.pct(before, 99), LoadTest.pct(after, 50), LoadTest.pct(after, 95), LoadTest.pct(after, 99));
            System.out.printf(Locale.ROOT, "webhook answer (200) time, ms: p50 %.1f, p95 %.1f, p99 %.1f%n",
                    LoadTest.pct(hook, 50), LoadTest.pct(hook, 95), LoadTest.pct(hook, 99));
            System.out.printf(Locale.ROOT, "Telegram limits exceeded: per chat %d, per group %d, overall %d%n",
                    api.overChatLimit(), api.overGroupLimit(), api.overOverallLimit());
        } finally {
            for (Process bot : bots) {
                bot.destroy();
            }
            for (Process bot : bots) {
                if (!bot.waitFor(10, TimeUnit.SECONDS)) {
                    bot.destroyForcibly();
                }
            }
        }
    }

    private static int post(HttpClient http, int port, String body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hook"))
                    .header("Content-Type", "application/json").header("X-Telegram-Bot-Api-Secret-Token", SECRET)
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void awaitLog(Path log, String line) throws Exception {
        long until = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < until) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("a replica did not start: " + Files.readString(log));
    }
}
