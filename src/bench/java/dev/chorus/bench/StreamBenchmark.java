package dev.chorus.bench;

import dev.chorus.provider.ChatOutcome;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A streamed chat completion against a loopback server that answers at once with an SSE body:
 * {@link #raw} reads the body line by line to its end, {@link #client} is
 * {@code OpenAiCompatibleClient.stream} with a listener that counts text chunks. {@code fixture}
 * is the recorded OpenAI stream (6 JSON chunks, 3 with text); {@code synthetic200} has 200 JSON
 * chunks in the same format (197 with text), so the per-chunk cost stands out from the per-call one.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class StreamBenchmark {

    /** JSON chunks ({@code data:} events other than [DONE]) in each body. */
    static final int FIXTURE_CHUNKS = 6;
    static final int SYNTHETIC_CHUNKS = 200;

    @Param({"fixture", "synthetic200"})
    public String body;

    private BenchSetup setup;
    private Request rawRequest;
    private int expectedTexts;
    private int texts;

    @Setup
    public void start() throws IOException {
        byte[] sse = switch (body) {
            case "fixture" -> BenchSetup.resource("fixtures/openai/chat_completion_stream_include_usage.sse");
            case "synthetic200" -> BenchSetup.syntheticStream(SYNTHETIC_CHUNKS);
            default -> throw new IllegalArgumentException(body);
        };
        expectedTexts = body.equals("fixture") ? 3 : SYNTHETIC_CHUNKS - 3;
        setup = new BenchSetup(sse);
        rawRequest = setup.rawCopyOfStreamCall();
        int rawChars = raw();
        for (int i = 0; i < 20; i++) {
            if (raw() != rawChars) {
                throw new IllegalStateException("raw read a different body");
            }
            BenchSetup.expectCompleted(client());
            if (texts != expectedTexts) {
                throw new IllegalStateException("listener saw " + texts + " text chunks, expected " + expectedTexts);
            }
        }
        setup.expectOneConnection();
    }

    @TearDown
    public void stop() {
        setup.expectOneConnection();
        setup.close();
    }

    /** Reads every line of the SSE body; returns the characters read so nothing is optimised away. */
    @Benchmark
    public int raw() throws IOException {
        int chars = 0;
        try (Response response = setup.http.newCall(rawRequest).execute()) {
            BufferedSource source = response.body().source();
            String line;
            while ((line = source.readUtf8Line()) != null) {
                chars += line.length();
            }
        }
        return chars;
    }

    @Benchmark
    public ChatOutcome client() {
        texts = 0;
        return setup.client.stream(BenchSetup.REQUEST, delta -> texts++);
    }
}
