package dev.chorus.load;

import dev.chorus.Chorus;
import dev.chorus.config.ConfigLoader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The load test: the real bot (its {@code Chorus.start} wiring, SQLite, the outbox, budgets) against a
 * fake Bot API and a provider that takes 0.5 to 3 s per answer, with simulated users in private chats
 * and groups asking as a Poisson process. Reports questions per second, what the bot adds to the
 * provider's time (p50/p95/p99), answers lost, Telegram limits exceeded, peak RSS and heap.
 *
 * <p>{@code bin/load [users] [chats] [seconds] [questions per second]}; defaults 1000 100 60 3. Not part
 * of the test run.
 */
public final class LoadTest {
    private LoadTest() {
    }

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int chats = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        double rate = args.length > 3 ? Double.parseDouble(args[3]) : 3.0;
        int privateChats = chats / 2;
        int groups = chats - privateChats;
        int perGroup = Math.max(1, (users - privateChats) / Math.max(1, groups));

        Path dir = Files.createTempDirectory("chorus-load");
        try (FakeBotApi api = new FakeBotApi(); FakeLlm llm = new FakeLlm()) {
            Path config = Files.write(dir.resolve("load.properties"), List.of(
                    "telegram.token=7000000001:AAE-LoadTestTokenNotARealOne",
                    "telegram.base-url=" + api.baseUrl(),
                    "telegram.poll-timeout-seconds=1",
                    "openai.api-key=sk-load-test-key-not-real",
                    "openai.base-url=" + llm.baseUrl(),
                    "model.default=gpt-4o-mini",
                    "model.fallbacks=",
                    "db.path=" + dir.resolve("chorus.db"),
                    "budget.user=1000/day", "budget.group=1000/day", "budget.global=100000/day",
                    "limits.user-questions-per-minute=60", "limits.group-questions-per-minute=60"));
            Map<Long, Deque<Long>> waiting = new ConcurrentHashMap<>();
            Map<Long, Long> askedAt = new ConcurrentHashMap<>();
            Map<Long, Long> answeredAt = new ConcurrentHashMap<>();
            api.onSent(sent -> {
                if (sent.text().contains("<i>— ")) {
                    Deque<Long> queue = waiting.get(sent.chatId());
                    Long q = queue == null ? null : queue.pollFirst();
                    if (q != null) {
                        answeredAt.putIfAbsent(q, sent.at());
                    }
                }
            });
            long startedHeap = usedHeap();
            try (Chorus bot = Chorus.start(ConfigLoader.load(config, Map.of()))) {
                Random random = new Random(42);
                long start = System.nanoTime();
                long end = start + seconds * 1_000_000_000L;
                long next = start;
                long asked = 0;
                long peakHeap = 0;
                while (true) {
                    next += (long) (-Math.log(1 - random.nextDouble()) / rate * 1e9);
                    if (next > end) {
                        break;
                    }
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                    }
                    long q = ++asked;
                    int user = random.nextInt(users);
                    long chat;
                    String text;
                    String question = "Explain topic " + q + " in two sentences [q:" + q + "]";
                    if (user < privateChats) {
                        chat = user + 1;
                        text = question;
                    } else {
                        chat = -(1_000 + (long) ((user - privateChats) / perGroup % groups));
                        text = "/ask@ChorusLoadBot " + question;
                    }
                    waiting.computeIfAbsent(chat, c -> new ConcurrentLinkedDeque<>()).addLast(q);
                    askedAt.put(q, System.nanoTime());
                    chatOf.put(q, chat);
                    api.message(chat, 10_000 + user, text);
                    peakHeap = Math.max(peakHeap, usedHeap());
                }
                long arrivalsDone = System.nanoTime();
                long drainUntil = System.nanoTime() + 90_000_000_000L;
                while (answeredAt.size() < asked && System.nanoTime() < drainUntil) {
                    Thread.sleep(200);
                    peakHeap = Math.max(peakHeap, usedHeap());
                }
                report(users, chats, seconds, rate, asked, askedAt, answeredAt, llm, api,
                        (arrivalsDone - start) / 1e9, peakHeap, startedHeap);
            }
        }
    }

    private static final Map<Long, Long> chatOf = new ConcurrentHashMap<>();
    /** Questions at the start that meet a cold process, reported apart as well as in the whole. */
    private static final int WARM_UP = 10;

    private static void report(int users, int chats, int seconds, double rate, long asked, Map<Long, Long> askedAt,
                               Map<Long, Long> answeredAt, FakeLlm llm, FakeBotApi api, double arrivalSeconds,
                               long peakHeap, long startedHeap) throws Exception {
        List<Double> added = new ArrayList<>();
        List<Double> waited = new ArrayList<>();
        for (Map.Entry<Long, Long> e : answeredAt.entrySet()) {
            long total = e.getValue() - askedAt.get(e.getKey());
            Long provider = llm.providerNanos(e.getKey());
            waited.add(total / 1e6);
            if (provider != null) {
                added.add(Math.max(0, total - provider) / 1e6);
            }
        }
        Collections.sort(added);
        Collections.sort(waited);
        // where the added time goes: Telegram to the bot, the bot to the provider, the provider's end to the answer
        List<Double> polled = new ArrayList<>();
        List<Double> before = new ArrayList<>();
        List<Double> after = new ArrayList<>();
        for (Map.Entry<Long, Long> e : answeredAt.entrySet()) {
            Long handed = api.handedOut(e.getKey());
            long[] window = llm.window(e.getKey());
            if (handed != null && window != null) {
                polled.add((handed - askedAt.get(e.getKey())) / 1e6);
                before.add((window[0] - handed) / 1e6);
                after.add((e.getValue() - window[1]) / 1e6);
            }
        }
        Collections.sort(polled);
        Collections.sort(before);
        Collections.sort(after);
        // the slowest ten, to tell warm-up (early questions) from pacing (a busy chat) from the rest
        answeredAt.entrySet().stream()
                .filter(e -> api.handedOut(e.getKey()) != null && llm.window(e.getKey()) != null)
                .sorted(java.util.Comparator.comparingLong((Map.Entry<Long, Long> e) ->
                        -(e.getValue() - askedAt.get(e.getKey()) - llm.providerNanos(e.getKey()))))
                .limit(10)
                .forEach(e -> {
                    long[] w = llm.window(e.getKey());
                    long handed = api.handedOut(e.getKey());
                    System.out.printf(Locale.ROOT, "  slow: question %d in chat %d: poll %.0f, to the provider %.0f, "
                                    + "after it %.0f ms%n", e.getKey(), chatOf.get(e.getKey()),
                            (handed - askedAt.get(e.getKey())) / 1e6, (w[0] - handed) / 1e6, (e.getValue() - w[1]) / 1e6);
                });
        System.out.printf(Locale.ROOT, "== load: %d users in %d chats (%d private, %d groups), %d s of Poisson "
                + "arrivals at %.1f questions/s%n", users, chats, chats / 2, chats - chats / 2, seconds, rate);
        System.out.printf(Locale.ROOT, "questions asked %d (%.2f/s), answered %d, lost %d; messages the bot sent %d%n",
                asked, asked / arrivalSeconds, answeredAt.size(), asked - answeredAt.size(), api.delivered());
        System.out.printf(Locale.ROOT, "bot adds beyond the provider, ms: p50 %.1f, p95 %.1f, p99 %.1f, max %.1f%n",
                pct(added, 50), pct(added, 95), pct(added, 99), added.isEmpty() ? 0 : added.getLast());
        List<Double> warm = new ArrayList<>();
        for (Map.Entry<Long, Long> e : answeredAt.entrySet()) {
            Long provider = llm.providerNanos(e.getKey());
            if (provider != null && e.getKey() > WARM_UP) {
                warm.add(Math.max(0, e.getValue() - askedAt.get(e.getKey()) - provider) / 1e6);
            }
        }
        Collections.sort(warm);
        System.out.printf(Locale.ROOT, "  after the first %d questions (a process just started: JIT, first statements), "
                + "ms: p50 %.1f, p95 %.1f, p99 %.1f%n", WARM_UP, pct(warm, 50), pct(warm, 95), pct(warm, 99));
        System.out.printf(Locale.ROOT, "  of which, ms (p50 / p95 / p99): update waiting for getUpdates %.1f / %.1f / %.1f; "
                + "handed to the bot until the provider call %.1f / %.1f / %.1f; provider done until the answer is at "
                + "Telegram %.1f / %.1f / %.1f%n", pct(polled, 50), pct(polled, 95), pct(polled, 99), pct(before, 50),
                pct(before, 95), pct(before, 99), pct(after, 50), pct(after, 95), pct(after, 99));
        System.out.printf(Locale.ROOT, "a user waits in all, ms: p50 %.0f, p95 %.0f, p99 %.0f%n", pct(waited, 50),
                pct(waited, 95), pct(waited, 99));
        System.out.printf(Locale.ROOT, "Telegram limits exceeded: per chat %d, per group %d, overall %d%n",
                api.overChatLimit(), api.overGroupLimit(), api.overOverallLimit());
        System.out.printf(Locale.ROOT, "peak RSS %d MB, peak heap used %d MB (at start %d MB)%n", peakRssMb(),
                peakHeap / (1 << 20), startedHeap / (1 << 20));
    }

    /** The p-th percentile of {@code sorted} (nearest rank). */
    static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static long usedHeap() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    private static long peakRssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
