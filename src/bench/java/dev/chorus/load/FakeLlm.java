package dev.chorus.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI-compatible provider with a provider's pace: each answer streams in OpenAI's chunk format
 * over 0.5 to 3 seconds (uniform), then its usage. Records how long each question's call took, by the
 * question's {@code [q:N]} tag, so the driver can take the provider's time out of what a user waited.
 */
final class FakeLlm implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TAG = Pattern.compile("\\[q:(\\d+)]");
    private static final String[] WORDS = ("Rust keeps memory safe without a garbage collector by checking ownership "
            + "and borrowing at compile time, so whole classes of bugs cannot happen at run time.").split(" ");

    private final HttpServer server;
    private final Map<Long, Long> providerNanos = new ConcurrentHashMap<>();
    private final Map<Long, long[]> window = new ConcurrentHashMap<>();

    FakeLlm() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** How long the provider took for question {@code id}, in nanoseconds, or null when it was never asked. */
    Long providerNanos(long id) {
        return providerNanos.get(id);
    }

    /** When the provider got question {@code id}'s request and when it finished (nanoTime), or null. */
    long[] window(long id) {
        return window.get(id);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        JsonNode messages = body.path("messages");
        String question = messages.get(messages.size() - 1).path("content").asText();
        long total = ThreadLocalRandom.current().nextLong(500, 3_001);
        exchange.getResponseHeaders().set("content-type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            long pause = total / (WORDS.length + 1);
            sleep(pause);
            for (int i = 0; i < WORDS.length; i++) {
                String chunk = "{\"id\":\"chatcmpl-load\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":" + JSON.writeValueAsString((i == 0 ? "" : " ")
                        + WORDS[i]) + "},\"finish_reason\":null}],\"usage\":null}";
                out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                sleep(pause);
            }
            out.write(("data: {\"id\":\"chatcmpl-load\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":"
                    + "\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n"
                    + "data: {\"id\":\"chatcmpl-load\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":"
                    + "\"gpt-4o-mini\",\"choices\":[],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":30,"
                    + "\"total_tokens\":70}}\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
        }
        Matcher m = TAG.matcher(question);
        if (m.find()) {
            long end = System.nanoTime();
            providerNanos.merge(Long.parseLong(m.group(1)), end - start, Long::sum);
            window.putIfAbsent(Long.parseLong(m.group(1)), new long[] {start, end});
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
