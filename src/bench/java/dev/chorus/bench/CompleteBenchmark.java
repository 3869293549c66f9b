package dev.chorus.bench;

import dev.chorus.provider.ChatOutcome;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.Response;
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

/**
 * A whole (non-streamed) chat completion against a loopback server that answers at once with
 * the recorded OpenAI body: {@link #raw} is the floor (OkHttp posts the same bytes, reads the body
 * as a string), {@link #client} is {@code OpenAiCompatibleClient.complete}. The difference is what
 * the client adds: building and serialising the request, parsing the answer, the outcome.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class CompleteBenchmark {

    private BenchSetup setup;
    private Request rawRequest;

    @Setup
    public void start() throws IOException {
        setup = new BenchSetup(BenchSetup.resource("fixtures/openai/chat_completion_stream_include_usage.sse"));
        rawRequest = setup.rawCopyOfCompleteCall();
        for (int i = 0; i < 20; i++) {
            raw();
            BenchSetup.expectCompleted(client());
        }
        setup.expectOneConnection();
    }

    @TearDown
    public void stop() {
        setup.expectOneConnection();
        setup.close();
    }

    @Benchmark
    public String raw() throws IOException {
        try (Response response = setup.http.newCall(rawRequest).execute()) {
            return response.body().string();
        }
    }

    @Benchmark
    public ChatOutcome client() {
        return setup.client.complete(BenchSetup.REQUEST);
    }
}
