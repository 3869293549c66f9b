package dev.chorus.bench;

import dev.chorus.provider.ChatOutcome;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * A cross-check of the JMH figures that does not trust the machine to stay quiet: JMH runs each
 * benchmark in its own fork one after another, so on a shared 2-core machine the raw and client
 * sides can see different background load. Here the two sides alternate call by call (ABBA order)
 * in one JVM, after a warmup, so both see the same load; each call is timed with nanoTime.
 */
public final class InterleavedCheck {

    private static final long WARMUP_NANOS = 3_000_000_000L;
    private static final long MEASURE_NANOS = 8_000_000_000L;

    private InterleavedCheck() {
    }

    interface Call {
        void run() throws IOException;
    }

    record Pair(String label, double rawP50, double rawP99, double clientP50, double clientP99, int samples) {
    }

    static Pair complete() throws IOException {
        try (BenchSetup setup = new BenchSetup(BenchSetup.resource("fixtures/openai/chat_completion_stream_include_usage.sse"))) {
            Request raw = setup.rawCopyOfCompleteCall();
            return measure("complete", () -> {
                try (Response response = setup.http.newCall(raw).execute()) {
                    response.body().string();
                }
            }, () -> BenchSetup.expectCompleted(setup.client.complete(BenchSetup.REQUEST)));
        }
    }

    static Pair stream(String label, byte[] sse) throws IOException {
        try (BenchSetup setup = new BenchSetup(sse)) {
            Request raw = setup.rawCopyOfStreamCall();
            AtomicInteger texts = new AtomicInteger();
            return measure(label, () -> {
                try (Response response = setup.http.newCall(raw).execute()) {
                    BufferedSource source = response.body().source();
                    while (source.readUtf8Line() != null) {
                        // read to the end
                    }
                }
            }, () -> {
                ChatOutcome outcome = setup.client.stream(BenchSetup.REQUEST, delta -> texts.incrementAndGet());
                BenchSetup.expectCompleted(outcome);
            });
        }
    }

    private static Pair measure(String label, Call raw, Call client) throws IOException {
        long end = System.nanoTime() + WARMUP_NANOS;
        while (System.nanoTime() < end) {
            raw.run();
            client.run();
        }
        long[] rawTimes = new long[1 << 16];
        long[] clientTimes = new long[1 << 16];
        int n = 0;
        end = System.nanoTime() + MEASURE_NANOS;
        while (System.nanoTime() < end) {
            if (n == rawTimes.length) {
                rawTimes = Arrays.copyOf(rawTimes, n * 2);
                clientTimes = Arrays.copyOf(clientTimes, n * 2);
            }
            boolean rawFirst = (n & 1) == 0; // ABBA: neither side always follows the other
            if (rawFirst) {
                rawTimes[n] = time(raw);
                clientTimes[n] = time(client);
            } else {
                clientTimes[n] = time(client);
                rawTimes[n] = time(raw);
            }
            n++;
        }
        long[] r = Arrays.copyOf(rawTimes, n);
        long[] c = Arrays.copyOf(clientTimes, n);
        Arrays.sort(r);
        Arrays.sort(c);
        return new Pair(label, micros(r, 0.50), micros(r, 0.99), micros(c, 0.50), micros(c, 0.99), n);
    }

    private static long time(Call call) throws IOException {
        long start = System.nanoTime();
        call.run();
        return System.nanoTime() - start;
    }

    private static double micros(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1_000.0;
    }

    /** Runs the check alone (about 35 s). */
    public static void main(String[] args) throws IOException {
        System.out.println(run());
    }

    static String run() throws IOException {
        Pair[] pairs = {
            complete(),
            stream("stream (fixture, 6 chunks)",
                    BenchSetup.resource("fixtures/openai/chat_completion_stream_include_usage.sse")),
            stream("stream (synthetic, 200 chunks)", BenchSetup.syntheticStream(StreamBenchmark.SYNTHETIC_CHUNKS)),
        };
        StringBuilder sb = new StringBuilder();
        sb.append("Interleaved cross-check (raw and client alternate call by call in one JVM; ")
                .append(MEASURE_NANOS / 1_000_000_000L).append(" s per pair after ")
                .append(WARMUP_NANOS / 1_000_000_000L).append(" s warmup):\n\n");
        sb.append("| comparison | raw p50 µs | raw p99 µs | client p50 µs | client p99 µs | added p50 µs | added p99 µs "
                + "| ratio p50 | ratio p99 | calls per side |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Pair p : pairs) {
            sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f | %d |%n",
                    p.label, p.rawP50, p.rawP99, p.clientP50, p.clientP99, p.clientP50 - p.rawP50,
                    p.clientP99 - p.rawP99, p.clientP50 / p.rawP50, p.clientP99 / p.rawP99, p.samples));
        }
        Pair fix = pairs[1];
        Pair syn = pairs[2];
        int n = StreamBenchmark.SYNTHETIC_CHUNKS;
        int extra = n - StreamBenchmark.FIXTURE_CHUNKS;
        sb.append(String.format(Locale.ROOT, "%nPer chunk (interleaved): (client - raw) / %d = %.2f µs at p50, %.2f µs at p99; "
                + "marginal over the fixture / %d = %.2f µs at p50, %.2f µs at p99.%n",
                n, (syn.clientP50 - syn.rawP50) / n, (syn.clientP99 - syn.rawP99) / n, extra,
                ((syn.clientP50 - syn.rawP50) - (fix.clientP50 - fix.rawP50)) / extra,
                ((syn.clientP99 - syn.rawP99) - (fix.clientP99 - fix.rawP99)) / extra));
        return sb.toString();
    }
}
