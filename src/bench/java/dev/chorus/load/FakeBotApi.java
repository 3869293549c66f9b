package dev.chorus.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The Bot API as the load test needs it, speaking Telegram's wire format ({@code POST /bot<token>/<method>}
 * with a JSON body, {@code {"ok": true, "result": ...}}): updates queued by the driver and handed out by
 * long polling, every message the bot sends recorded with the time it came, and a check of Telegram's
 * limits on what was sent (one a second per chat after a burst, 20 a minute per group, 30 a second in all).
 * The Node emulator the tests use is far too slow for a thousand users.
 */
final class FakeBotApi implements AutoCloseable {
    private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("\\[q:(\\d+)]");
    private final Map<Long, Long> handedOut = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final LinkedBlockingQueue<ObjectNode> updates = new LinkedBlockingQueue<>();
    private final AtomicLong updateIds = new AtomicLong(1);
    private final AtomicInteger messageIds = new AtomicInteger(1);
    private final Map<Long, Deque<Long>> sentByChat = new ConcurrentHashMap<>();
    private final Deque<Long> sentAll = new ConcurrentLinkedDeque<>();
    private final AtomicInteger overChat = new AtomicInteger();
    private final AtomicInteger overGroup = new AtomicInteger();
    private final AtomicInteger overAll = new AtomicInteger();
    private final AtomicLong delivered = new AtomicLong();
    private volatile Consumer<Sent> listener = s -> { };

    /** A message the bot sent: to which chat, its text, and when (nanoTime). */
    record Sent(long chatId, String method, String text, long at) {
    }

    FakeBotApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** When question {@code id}'s update went to the bot in a getUpdates answer (nanoTime), or null. */
    Long handedOut(long id) {
        return handedOut.get(id);
    }

    void onSent(Consumer<Sent> listener) {
        this.listener = listener;
    }

    /** Queues a text message from {@code userId} in {@code chatId} (negative: a group). */
    void message(long chatId, long userId, String text) {
        updates.add(update(chatId, userId, text));
    }

    /** The same message as a webhook would post it: the update's JSON, not queued for polling. */
    String updateJson(long chatId, long userId, String text) {
        return update(chatId, userId, text).toString();
    }

    private ObjectNode update(long chatId, long userId, String text) {
        ObjectNode update = JSON.createObjectNode();
        update.put("update_id", updateIds.getAndIncrement());
        ObjectNode message = update.putObject("message");
        message.put("message_id", messageIds.getAndIncrement());
        message.put("date", System.currentTimeMillis() / 1000);
        ObjectNode chat = message.putObject("chat");
        chat.put("id", chatId);
        chat.put("type", chatId < 0 ? "supergroup" : "private");
        if (chatId < 0) {
            chat.put("title", "Team " + (-chatId));
        } else {
            chat.put("first_name", "User" + userId);
        }
        ObjectNode from = message.putObject("from");
        from.put("id", userId);
        from.put("is_bot", false);
        from.put("first_name", "User" + userId);
        message.put("text", text);
        if (text.startsWith("/")) {
            ArrayNode entities = message.putArray("entities");
            ObjectNode e = entities.addObject();
            e.put("type", "bot_command");
            e.put("offset", 0);
            e.put("length", text.indexOf(' ') < 0 ? text.length() : text.indexOf(' '));
        }
        return update;
    }

    long delivered() {
        return delivered.get();
    }

    int overChatLimit() {
        return overChat.get();
    }

    int overGroupLimit() {
        return overGroup.get();
    }

    int overOverallLimit() {
        return overAll.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = path.substring(path.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
        JsonNode result = switch (method) {
            case "getme" -> JSON.readTree("{\"id\": 7000000001, \"is_bot\": true, \"first_name\": \"Chorus\", "
                    + "\"username\": \"ChorusLoadBot\"}");
            case "getupdates" -> poll(body);
            case "sendmessage", "editmessagetext", "sendphoto" -> sent(method, body);
            case "getchatadministrators" -> JSON.createArrayNode();
            default -> JSON.getNodeFactory().booleanNode(true); // deleteWebhook, setMyCommands, sendChatAction, drafts, ...
        };
        ObjectNode response = JSON.createObjectNode();
        response.put("ok", true);
        response.set("result", result);
        byte[] out = JSON.writeValueAsBytes(response);
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.sendResponseHeaders(200, out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    private JsonNode poll(JsonNode body) {
        ArrayNode batch = JSON.createArrayNode();
        long offset = body.path("offset").asLong(0);
        try {
            ObjectNode first = updates.poll(Math.max(1, body.path("timeout").asInt(1)), TimeUnit.SECONDS);
            if (first != null) {
                List<ObjectNode> taken = new ArrayList<>();
                taken.add(first);
                updates.drainTo(taken, 99);
                long now = System.nanoTime();
                for (ObjectNode u : taken) {
                    if (u.path("update_id").asLong() >= offset) {
                        batch.add(u);
                        Matcher tag = TAG.matcher(u.path("message").path("text").asText());
                        if (tag.find()) {
                            handedOut.putIfAbsent(Long.parseLong(tag.group(1)), now);
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return batch;
    }

    private JsonNode sent(String method, JsonNode body) {
        long chatId = body.path("chat_id").asLong();
        long now = System.nanoTime();
        check(chatId, now);
        String text = body.path("text").asText(body.path("caption").asText(""));
        delivered.incrementAndGet();
        listener.accept(new Sent(chatId, method, text, now));
        ObjectNode message = JSON.createObjectNode();
        message.put("message_id", method.equals("editmessagetext") ? body.path("message_id").asInt()
                : messageIds.getAndIncrement());
        message.put("date", System.currentTimeMillis() / 1000);
        ObjectNode chat = message.putObject("chat");
        chat.put("id", chatId);
        chat.put("type", chatId < 0 ? "supergroup" : "private");
        message.put("text", text);
        return message;
    }

    /** Telegram's limits on what was sent: more than 30 in a second overall, 20 in a minute in a group, 4 in a second in a chat. */
    private void check(long chatId, long now) {
        Deque<Long> chat = sentByChat.computeIfAbsent(chatId, c -> new ConcurrentLinkedDeque<>());
        synchronized (chat) {
            chat.addLast(now);
            while (!chat.isEmpty() && chat.peekFirst() < now - TimeUnit.MINUTES.toNanos(1)) {
                chat.pollFirst();
            }
            long lastSecond = chat.stream().filter(t -> t >= now - TimeUnit.SECONDS.toNanos(1)).count();
            if (lastSecond > 4) {
                overChat.incrementAndGet();
            }
            if (chatId < 0 && chat.size() > 20) {
                overGroup.incrementAndGet();
            }
        }
        synchronized (sentAll) {
            sentAll.addLast(now);
            while (!sentAll.isEmpty() && sentAll.peekFirst() < now - TimeUnit.SECONDS.toNanos(1)) {
                sentAll.pollFirst();
            }
            if (sentAll.size() > 30) {
                overAll.incrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
