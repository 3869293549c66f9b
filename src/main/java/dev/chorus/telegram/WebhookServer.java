package dev.chorus.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.chorus.config.TelegramSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongPredicate;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Takes the updates Telegram posts in webhook mode. A request without the configured secret in
 * {@code X-Telegram-Bot-Api-Secret-Token} gets 401 and changes nothing; a body that is not an update
 * gets 400. A good one is recorded by its update_id and answered 200 at once, then handled on the
 * update handler's lanes; one posted again (Telegram retries when a 200 did not reach it) is answered
 * 200 and dropped. The JDK's HTTP server on virtual threads: the same one the health endpoint uses.
 */
final class WebhookServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    /** Telegram's updates are a few kilobytes; anything far past that is not one of them. */
    static final int MAX_BODY = 1 << 20;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final byte[] secret;
    private final ObjectMapper json;
    private final LongPredicate firstTime;
    private final java.util.function.LongConsumer forget;
    private final Consumer<Update> handler;

    /**
     * @param firstTime records an update id; false when it was seen before
     * @param handler takes each new update; it must not block for long (it queues the work)
     */
    private WebhookServer(TelegramSettings.Webhook settings, ObjectMapper json, LongPredicate firstTime,
                          java.util.function.LongConsumer forget, Consumer<Update> handler) throws IOException {
        this.forget = forget;
        this.secret = settings.secret().reveal().getBytes(StandardCharsets.UTF_8);
        this.json = json;
        this.firstTime = firstTime;
        this.handler = handler;
        this.server = HttpServer.create(new InetSocketAddress(settings.port()), 64);
        server.setExecutor(threads);
        server.createContext(settings.path(), this::handle);
    }

    /** @param forget undoes {@code firstTime} for an update that could not be queued after all */
    static WebhookServer start(TelegramSettings.Webhook settings, ObjectMapper json, LongPredicate firstTime,
                               java.util.function.LongConsumer forget, Consumer<Update> handler) throws IOException {
        WebhookServer webhook = new WebhookServer(settings, json, firstTime, forget, handler);
        webhook.server.start();
        return webhook;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                reply(exchange, 405);
                return;
            }
            String given = exchange.getRequestHeaders().getFirst(SECRET_HEADER);
            if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
                log.warn("webhook: a request without the right secret was refused");
                reply(exchange, 401);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                reply(exchange, 413);
                return;
            }
            Update update;
            try {
                update = json.readValue(body, Update.class);
            } catch (IOException e) {
                update = null;
            }
            if (update == null || update.getUpdateId() == null) {
                log.warn("webhook: a body that is not an update was refused");
                reply(exchange, 400);
                return;
            }
            boolean fresh;
            try {
                fresh = firstTime.test(update.getUpdateId());
            } catch (RuntimeException e) {
                // the store is down: no 200, so Telegram posts it again later
                log.error("webhook: cannot record update {}: {}", update.getUpdateId(), e.toString());
                reply(exchange, 503);
                return;
            }
            if (fresh) {
                try {
                    handler.accept(update);
                } catch (RuntimeException e) {
                    // not taken after all: forget it and let Telegram post it again
                    log.error("webhook: update {} could not be queued: {}", update.getUpdateId(), e.toString());
                    forget.accept(update.getUpdateId());
                    reply(exchange, 503);
                    return;
                }
            } else {
                log.debug("webhook: update {} again; already taken", update.getUpdateId());
            }
            reply(exchange, 200);
        }
    }

    private static void reply(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        OutputStream ignored = exchange.getResponseBody();
        ignored.close();
    }

    @Override
    public void close() {
        server.stop(1);
        threads.shutdown();
    }
}
