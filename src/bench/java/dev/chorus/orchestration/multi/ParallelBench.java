package dev.chorus.orchestration.multi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.chorus.config.ChorusConfig;
import dev.chorus.config.ConfigLoader;
import dev.chorus.orchestration.AnswerProgress;
import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.fleet.ProviderFleet;
import dev.chorus.provider.resilience.Deadline;
import dev.chorus.provider.resilience.FallbackChain;
import dev.chorus.provider.resilience.SpendGate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The parallel strategy's own cost: three members whose servers answer after known delays (100, 150
 * and 200 ms) and a merger (50 ms), on loopback. A run can be no faster than its slowest member plus
 * the merge (250 ms); the ratio of a run's wall time to that floor, p50 and p99 over 200 runs, says
 * what the orchestration adds, and so does (wall − floor) per member in microseconds. Then 50 runs
 * at once, for the heap one concurrent run takes. Prints the machine and a table.
 */
public final class ParallelBench {
    private static final Map<String, Integer> DELAY_MS = Map.of("m-a", 100, "m-b", 150, "m-c", 200, "m-merge", 50);
    private static final int RUNS = 200;
    private static final int CONCURRENT = 50;

    private ParallelBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        byte[] sse = Files.readAllBytes(Path.of("src/test/resources/fixtures/openai/chat_completion_stream_include_usage.sse"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                int delay = DELAY_MS.entrySet().stream().filter(e -> body.contains("\"model\":\"" + e.getKey() + "\""))
                        .mapToInt(Map.Entry::getValue).findFirst().orElse(0);
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(sse);
                }
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        Path config = Files.createTempFile("bench", ".properties");
        List<String> lines = new ArrayList<>(List.of("catalog.builtin=false", "provider.max-retries=0",
                "provider.max-concurrent-calls=256", "providers.p1.base-url=" + url, "providers.p2.base-url=" + url,
                "providers.p3.base-url=" + url));
        String[][] models = {{"m-a", "p1"}, {"m-b", "p2"}, {"m-c", "p3"}, {"m-merge", "p1"}};
        for (String[] m : models) {
            lines.addAll(List.of("models." + m[0] + ".provider=" + m[1], "models." + m[0] + ".context-window=100000",
                    "models." + m[0] + ".price.input=1", "models." + m[0] + ".price.output=2"));
        }
        Files.write(config, lines);
        ChorusConfig loaded = ConfigLoader.load(config, Map.of("TELEGRAM_BOT_TOKEN", "1:bench-token-unused"));
        ProviderFleet fleet = new ProviderFleet(loaded, ModelCatalog.load(loaded.catalog()), new ObjectMapper(),
                Clock.systemUTC(), d -> { });
        FallbackChain chain = fleet.chain((p, m) -> { });
        List<ModelSpec> members = List.of(model(fleet, "m-a"), model(fleet, "m-b"), model(fleet, "m-c"));
        ModelSpec merger = model(fleet, "m-merge");
        List<ChatMessage> conversation = List.of(ChatMessage.system("Be brief."), ChatMessage.user("What is Rust?"));

        for (int i = 0; i < 20; i++) { // warm up: JIT, connection pools
            run(chain, members, merger, conversation);
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            RunResult result = run(chain, members, merger, conversation);
            nanos[i] = System.nanoTime() - start;
            if (result.ending() != MultiOutcome.Ending.MERGED) {
                throw new IllegalStateException("a run did not merge: " + result);
            }
        }
        Arrays.sort(nanos);
        double floorMs = 200 + 50;
        double p50 = nanos[RUNS / 2] / 1e6;
        double p99 = nanos[(int) Math.ceil(RUNS * 0.99) - 1] / 1e6;

        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long[] peak = {before};
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            running.add(pool.submit(() -> run(chain, members, merger, conversation)));
        }
        Thread sampler = Thread.ofPlatform().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak[0] = Math.max(peak[0], rt.totalMemory() - rt.freeMemory());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        for (Future<?> f : running) {
            f.get();
        }
        sampler.interrupt();
        sampler.join();
        pool.close();
        fleet.close();
        server.stop(0);

        System.out.println("== machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.println();
        System.out.println("| measure | p50 | p99 |");
        System.out.println("|---|---:|---:|");
        System.out.printf(Locale.ROOT, "| wall time of a run (floor %.0f ms) | %.1f ms | %.1f ms |%n", floorMs, p50, p99);
        System.out.printf(Locale.ROOT, "| ratio to the floor | %.3f | %.3f |%n", p50 / floorMs, p99 / floorMs);
        System.out.printf(Locale.ROOT, "| added per member (3 members and a merger) | %.0f µs | %.0f µs |%n",
                (p50 - floorMs) * 1000 / 4, (p99 - floorMs) * 1000 / 4);
        System.out.printf(Locale.ROOT, "%nheap at peak with %d runs at once: %.1f MiB over the idle heap, about %.0f KiB a run"
                + " (a sampled peak, garbage included: an upper bound)%n", CONCURRENT, (peak[0] - before) / 1048576.0,
                (peak[0] - before) / 1024.0 / CONCURRENT);
    }

    private static RunResult run(FallbackChain chain, List<ModelSpec> members, ModelSpec merger,
                                          List<ChatMessage> conversation) {
        ParallelRun run = new ParallelRun(new MemberCalls(chain, SpendGate.UNLIMITED, 100, r -> { }),
                Duration.ofSeconds(10));
        return run.run(conversation, "What is Rust?", members, List.of(0.9, 0.8, 0.7), merger,
                new RunRecord(steps -> { }), Deadline.in(Duration.ofSeconds(30)), AnswerProgress.IGNORE);
    }

    private static ModelSpec model(ProviderFleet fleet, String id) {
        return fleet.catalog().find(id).orElseThrow();
    }
}
