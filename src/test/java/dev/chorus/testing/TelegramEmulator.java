package dev.chorus.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The Telegram Bot API emulator (telegram-test-api behind our compatibility layer in
 * {@code src/test/emulator/server.js}), run as a Node child process on a free loopback port.
 * Tests act as Telegram users through it and read back every Bot API call the bot made.
 */
public final class TelegramEmulator implements AutoCloseable {
    public static final long BOT_ID = 7482915360L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final int port;
    private final String botUsername;
    private final HttpClient http = HttpClient.newHttpClient();
    private final StringBuilder output = new StringBuilder();

    private TelegramEmulator(Process process, int port, String botUsername) {
        this.process = process;
        this.port = port;
        this.botUsername = botUsername;
    }

    /** Starts the emulator; the Maven build has installed its npm packages. */
    public static TelegramEmulator start(String botUsername) throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("chorus.emulator.dir", "src/test/emulator")).toAbsolutePath();
        if (!Files.isDirectory(dir.resolve("node_modules/telegram-test-api"))) {
            throw new IllegalStateException("the Telegram emulator is not installed in " + dir
                    + ": run the build (mvn verify), which runs npm ci there");
        }
        Process process = new ProcessBuilder("node", "server.js", "--port", "0", "--bot-username", botUsername)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        StringBuilder seen = new StringBuilder();
        while (Instant.now().isBefore(deadline)) {
            String line = reader.readLine();
            if (line == null) {
                break;
            }
            seen.append(line).append('\n');
            if (line.startsWith("CHORUS_EMULATOR_READY port=")) {
                int port = Integer.parseInt(line.substring(line.indexOf('=') + 1).strip());
                TelegramEmulator emulator = new TelegramEmulator(process, port, botUsername);
                Thread.ofVirtual().start(() -> emulator.drain(reader));
                return emulator;
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the Telegram emulator did not start:\n" + seen);
    }

    private void drain(BufferedReader reader) {
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException ignored) {
            // the process has ended
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String botUsername() {
        return botUsername;
    }

    // ---- acting as users ----

    /** A user writes {@code text} in their private chat with the bot; returns the message id. */
    public int sendPrivate(String token, TelegramUser user, String text) {
        ObjectNode message = message(user, privateChat(user), text);
        return post("/_chorus/user/message", envelope(token, "message", message)).path("message_id").asInt();
    }

    /**
     * {@code count} users (ids from {@code firstId}) each write {@code text} in their private chat, all
     * at once (16 at a time), and the messages the bot sent to them, once each has at least one.
     */
    public List<BotCall> burstOfPrivateQuestions(String token, long firstId, int count, String text, Duration timeout) {
        long mark = mark();
        try (java.util.concurrent.ExecutorService people = java.util.concurrent.Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < count; i++) {
                TelegramUser user = new TelegramUser(firstId + i, "U" + i, "user" + (firstId + i));
                people.submit(() -> sendPrivate(token, user, text));
            }
        }
        Predicate<BotCall> toThem = c -> c.is("sendMessage") && c.chatId() >= firstId && c.chatId() < firstId + count;
        return await(mark, timeout, calls -> calls.stream().filter(toThem).map(BotCall::chatId).distinct().count()
                >= count).stream().filter(toThem).toList();
    }

    /** A user sends a sticker (no text) in their private chat. */
    public int sendPrivateSticker(String token, TelegramUser user) {
        ObjectNode message = message(user, privateChat(user), "");
        message.remove("text");
        message.putObject("sticker").put("file_id", "CAACAgIAAxk").put("file_unique_id", "AgAD").put("width", 512)
                .put("height", 512).put("is_animated", false).put("is_video", false).put("type", "regular");
        return post("/_chorus/user/message", envelope(token, "message", message)).path("message_id").asInt();
    }

    /** A user writes {@code text} in group {@code groupId}; returns the message id. */
    public int sendGroup(String token, TelegramUser user, long groupId, String text) {
        return sendGroupReply(token, user, groupId, text, null, null);
    }

    /** A user in group {@code groupId} replies to the bot's message {@code botMessageId}. */
    public int sendGroupReply(String token, TelegramUser user, long groupId, String text, Integer botMessageId,
                              String botMessageText) {
        ObjectNode message = message(user, groupChat(groupId), text);
        if (botMessageId != null) {
            ObjectNode replied = message.putObject("reply_to_message");
            replied.put("message_id", botMessageId);
            replied.put("date", Instant.now().getEpochSecond());
            replied.set("chat", groupChat(groupId));
            ObjectNode from = replied.putObject("from");
            from.put("id", BOT_ID).put("is_bot", true).put("first_name", "Chorus").put("username", botUsername);
            replied.put("text", botMessageText == null ? "" : botMessageText);
        }
        return post("/_chorus/user/message", envelope(token, "message", message)).path("message_id").asInt();
    }

    /** A user presses the inline button carrying {@code data} under the bot's message {@code messageId}. */
    public void pressButton(String token, TelegramUser user, long chatId, int messageId, String data) {
        ObjectNode query = JSON.createObjectNode();
        ObjectNode from = query.putObject("from");
        from.put("id", user.id()).put("is_bot", false).put("first_name", user.firstName());
        if (user.languageCode() != null) {
            from.put("language_code", user.languageCode());
        }
        ObjectNode message = query.putObject("message");
        message.put("message_id", messageId).put("date", Instant.now().getEpochSecond());
        message.set("chat", chatId < 0 ? groupChat(chatId) : privateChat(user));
        message.putObject("from").put("id", BOT_ID).put("is_bot", true).put("first_name", "Chorus")
                .put("username", botUsername);
        query.put("data", data);
        post("/_chorus/user/callback", envelope(token, "callbackQuery", query));
    }

    /** A user in a private chat replies to the bot's message {@code botMessageId}. */
    public int sendPrivateReply(String token, TelegramUser user, String text, int botMessageId) {
        ObjectNode message = message(user, privateChat(user), text);
        ObjectNode replied = message.putObject("reply_to_message");
        replied.put("message_id", botMessageId).put("date", Instant.now().getEpochSecond());
        replied.set("chat", privateChat(user));
        replied.putObject("from").put("id", BOT_ID).put("is_bot", true).put("first_name", "Chorus")
                .put("username", botUsername);
        return post("/_chorus/user/message", envelope(token, "message", message)).path("message_id").asInt();
    }

    /** Makes {@code admins} the administrators Telegram reports for group {@code chatId}. */
    public void setChatAdmins(long chatId, TelegramUser... admins) {
        ObjectNode body = JSON.createObjectNode();
        body.put("chatId", chatId);
        ArrayNode users = body.putArray("users");
        for (TelegramUser admin : admins) {
            users.addObject().put("id", admin.id()).put("first_name", admin.firstName()).put("username", admin.username());
        }
        post("/_chorus/admins", body);
    }

    /** The next Bot API call for {@code method} fails with {@code status} ({@code retryAfter} seconds for 429). */
    public void failNext(String method, int status, String description, Integer retryAfter, int times) {
        ObjectNode body = JSON.createObjectNode();
        body.put("method", method).put("status", status).put("description", description).put("times", times);
        if (retryAfter != null) {
            body.put("retryAfter", retryAfter);
        }
        post("/_chorus/fail", body);
    }

    /** For the next {@code length}, every Bot API call of the bot has its connection dropped unanswered. */
    public void outage(Duration length) {
        ObjectNode body = JSON.createObjectNode();
        body.put("ms", length.toMillis());
        post("/_chorus/outage", body);
    }

    // ---- reading what the bot did ----

    /** Every Bot API call the bot has made after call number {@code since}. */
    public List<BotCall> callsSince(long since) {
        JsonNode answer = get("/_chorus/calls?since=" + since);
        List<BotCall> calls = new ArrayList<>();
        for (JsonNode call : answer.path("calls")) {
            calls.add(new BotCall(call.path("seq").asLong(), call.path("method").asText(), call.path("body"),
                    call.path("result")));
        }
        return calls;
    }

    /** The number of the newest call so far, to read only what comes after it. */
    public long mark() {
        List<BotCall> calls = callsSince(0);
        return calls.isEmpty() ? 0 : calls.getLast().seq();
    }

    /** Waits until the calls after {@code since} satisfy {@code done}, and returns them. */
    public List<BotCall> await(long since, Duration timeout, Predicate<List<BotCall>> done) {
        Instant deadline = Instant.now().plus(timeout);
        List<BotCall> calls = callsSince(since);
        while (!done.test(calls)) {
            if (Instant.now().isAfter(deadline)) {
                List<BotCall> last = calls.subList(Math.max(0, calls.size() - 20), calls.size());
                throw new AssertionError("timed out after " + timeout + " waiting for the bot; of its " + calls.size()
                        + " calls the last were: " + last + "\nemulator output:\n" + output());
            }
            sleep(50);
            calls = callsSince(since);
        }
        return calls;
    }

    /** Waits for {@code count} messages sent to {@code chatId} after {@code since}. */
    public List<BotCall> awaitMessages(long since, long chatId, int count) {
        return BotCall.messagesTo(await(since, Duration.ofSeconds(20),
                calls -> BotCall.messagesTo(calls, chatId).size() >= count), chatId);
    }

    public String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    // ---- helpers ----

    private ObjectNode message(TelegramUser user, ObjectNode chat, String text) {
        ObjectNode message = JSON.createObjectNode();
        message.put("date", Instant.now().getEpochSecond());
        message.set("chat", chat);
        ObjectNode from = message.putObject("from");
        from.put("id", user.id()).put("is_bot", false).put("first_name", user.firstName());
        if (user.username() != null) {
            from.put("username", user.username());
        }
        if (user.languageCode() != null) {
            from.put("language_code", user.languageCode());
        }
        message.put("text", text);
        ArrayNode entities = message.putArray("entities");
        if (text.startsWith("/")) {
            int end = text.indexOf(' ');
            int newline = text.indexOf('\n');
            if (newline >= 0 && (end < 0 || newline < end)) {
                end = newline;
            }
            entities.addObject().put("type", "bot_command").put("offset", 0).put("length", end < 0 ? text.length() : end);
        }
        int at = text.indexOf("@" + botUsername);
        if (at >= 0 && !text.startsWith("/")) {
            entities.addObject().put("type", "mention").put("offset", at).put("length", botUsername.length() + 1);
        }
        if (entities.isEmpty()) {
            message.remove("entities");
        }
        return message;
    }

    private static ObjectNode privateChat(TelegramUser user) {
        ObjectNode chat = JSON.createObjectNode();
        chat.put("id", user.id()).put("type", "private").put("first_name", user.firstName());
        return chat;
    }

    private static ObjectNode groupChat(long groupId) {
        ObjectNode chat = JSON.createObjectNode();
        chat.put("id", groupId).put("type", "supergroup").put("title", "Team");
        return chat;
    }

    private static ObjectNode envelope(String token, String field, ObjectNode value) {
        ObjectNode body = JSON.createObjectNode();
        body.put("botToken", token);
        body.set(field, value);
        return body;
    }

    private JsonNode post(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build());
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("emulator answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("emulator unreachable: " + e + "\n" + output(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
