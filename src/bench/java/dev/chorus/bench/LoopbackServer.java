package dev.chorus.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An in-process HTTP/1.1 server on 127.0.0.1 that answers every POST at once with prebuilt bytes:
 * the JSON body, or (when the request accepts {@code text/event-stream}) the SSE body, sent chunked
 * as OpenAI does. Keep-alive is the JDK server's default. It records nothing but the last request
 * body, so a long run does not grow the heap (MockWebServer keeps every request it receives).
 */
final class LoopbackServer implements AutoCloseable {

    static {
        // TCP_NODELAY on the server's sockets, so no piece of a response waits on Nagle's algorithm
        // against the client's delayed ACK (why MockWebServer is not used: it measured ~44 ms per
        // call here). Read once, when the server classes load: set before HttpServer.create.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final byte[] json;
    private final byte[] sse;
    private volatile byte[] lastRequestBody = new byte[0];

    LoopbackServer(byte[] json, byte[] sse) {
        this.json = Objects.requireNonNull(json, "json");
        this.sse = Objects.requireNonNull(sse, "sse");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(null); // the dispatcher thread answers: one client thread, one server thread
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    byte[] lastRequestBody() {
        return lastRequestBody;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try (InputStream in = exchange.getRequestBody()) {
                lastRequestBody = in.readAllBytes(); // read fully, or the connection cannot be reused
            }
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            boolean stream = accept != null && accept.contains("text/event-stream");
            exchange.getResponseHeaders().set("Content-Type",
                    stream ? "text/event-stream; charset=utf-8" : "application/json");
            byte[] body = stream ? sse : json;
            exchange.sendResponseHeaders(200, stream ? 0 : body.length); // 0: chunked
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
