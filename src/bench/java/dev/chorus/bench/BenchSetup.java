package dev.chorus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.ChatRequest;
import dev.chorus.provider.openai.OpenAiCompatibleClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * What both sides of each comparison share: one loopback server, one OkHttpClient (so one
 * connection pool), and a raw request carrying the very bytes the client sends.
 */
final class BenchSetup implements AutoCloseable {

    static final String API_KEY = "sk-bench-0123456789abcdef";
    static final ChatRequest REQUEST = new ChatRequest("gpt-4o-mini",
            java.util.List.of(ChatMessage.user("What is Rust? Answer in two sentences.")), 256, null);
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

    final LoopbackServer server;
    final OkHttpClient http;
    final OpenAiCompatibleClient client;
    final HttpUrl endpoint;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    BenchSetup(byte[] sseBody) {
        server = new LoopbackServer(resource("fixtures/openai/chat_completion.json"), sseBody);
        http = new OkHttpClient.Builder()
                .eventListener(new EventListener() {
                    @Override
                    public void callStart(Call call) {
                        calls.incrementAndGet();
                    }

                    @Override
                    public void connectStart(Call call, java.net.InetSocketAddress address, java.net.Proxy proxy) {
                        connections.incrementAndGet();
                    }
                })
                .build();
        HttpUrl base = HttpUrl.get(server.baseUrl());
        client = new OpenAiCompatibleClient(http, base, API_KEY, new ObjectMapper());
        endpoint = base.newBuilder().addPathSegments("chat/completions").build();
    }

    /** Sends one call through the client and returns a raw request with the same URL, headers and body. */
    Request rawCopyOfCompleteCall() {
        ChatOutcome outcome = client.complete(REQUEST);
        expectCompleted(outcome);
        return raw(server.lastRequestBody(), "application/json");
    }

    Request rawCopyOfStreamCall() {
        ChatOutcome outcome = client.stream(REQUEST, delta -> { });
        expectCompleted(outcome);
        return raw(server.lastRequestBody(), "text/event-stream");
    }

    private Request raw(byte[] body, String accept) {
        return new Request.Builder()
                .url(endpoint)
                .header("Accept", accept)
                .header("Authorization", "Bearer " + API_KEY)
                .post(RequestBody.create(body, JSON_TYPE))
                .build();
    }

    static void expectCompleted(ChatOutcome outcome) {
        if (!(outcome instanceof ChatOutcome.Completed)) {
            throw new IllegalStateException("the loopback call did not complete: " + outcome);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = BenchSetup.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An SSE body in OpenAI's chunk format with {@code chunks} JSON chunks: a role chunk, text
     * chunks, a finish chunk and a usage chunk ({@code choices: []}), then {@code data: [DONE]}.
     */
    static byte[] syntheticStream(int chunks) {
        if (chunks < 4) {
            throw new IllegalArgumentException("chunks must be at least 4");
        }
        String head = "data: {\"id\":\"chatcmpl-BhT4Zr2mQw8KxN5vPj1sLd6YfGhTe\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1749723391,\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\","
                + "\"system_fingerprint\":\"fp_34a54ae93c\",\"choices\":";
        StringBuilder sb = new StringBuilder();
        sb.append(head).append("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
                + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
        for (int i = 0; i < chunks - 3; i++) {
            sb.append(head).append("[{\"index\":0,\"delta\":{\"content\":\" word").append(i)
                    .append("\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
        }
        sb.append(head).append("[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + "\"usage\":null}\n\n");
        sb.append(head).append("[],\"usage\":{\"prompt_tokens\":23,\"completion_tokens\":").append(chunks - 3)
                .append(",\"total_tokens\":").append(chunks + 20).append(",\"prompt_tokens_details\":"
                + "{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,"
                + "\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}\n\n");
        sb.append("data: [DONE]\n\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Fails the run unless calls share one kept-alive connection, as they would in production. */
    void expectOneConnection() {
        if (connections.get() != 1) {
            throw new IllegalStateException("expected one kept-alive connection; " + connectionReport());
        }
    }

    String connectionReport() {
        return "calls=" + calls.get() + " connections opened=" + connections.get();
    }

    @Override
    public void close() {
        System.out.println(System.lineSeparator() + "[bench] " + connectionReport());
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        server.close();
    }
}
