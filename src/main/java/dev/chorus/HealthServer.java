package dev.chorus;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /health}: 200 {@code ok} while the bot polls Telegram and its database answers, 503 with
 * the reason otherwise, then a line per component (store, Telegram, each provider's breaker). {@code
 * GET /metrics}: the bot's meters in Prometheus's text format. For container health checks and
 * scrapers; neither says anything about users or secrets.
 */
final class HealthServer implements AutoCloseable {
    private final HttpServer server;

    private HealthServer(HttpServer server) {
        this.server = server;
    }

    /** @param problem returns {@code null} when healthy, else a short reason */
    static HealthServer start(int port, Supplier<String> problem) throws IOException {
        return start(port, problem, List::of, () -> "");
    }

    /**
     * @param problem returns {@code null} when healthy, else a short reason (the store or Telegram is down)
     * @param components one line per component ("telegram: polling", "provider openai: breaker CLOSED"),
     *     listed after the verdict
     * @param metrics the Prometheus text exposition, served at {@code /metrics}
     */
    static HealthServer start(int port, Supplier<String> problem, Supplier<List<String>> components,
                              Supplier<String> metrics) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/health", exchange -> {
            String reason = problem.get();
            StringBuilder text = new StringBuilder(reason == null ? "ok\n" : "unhealthy: " + reason + "\n");
            components.get().forEach(line -> text.append(line).append('\n'));
            respond(exchange, reason == null ? 200 : 503, "text/plain; charset=utf-8", text.toString());
        });
        server.createContext("/metrics", exchange -> respond(exchange, 200,
                "text/plain; version=0.0.4; charset=utf-8", metrics.get()));
        server.start();
        return new HealthServer(server);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String type, String text)
            throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
