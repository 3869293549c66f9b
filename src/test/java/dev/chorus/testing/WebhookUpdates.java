package dev.chorus.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What Telegram posts to a bot in webhook mode, and what came out: for tests that play Telegram's part. */
public final class WebhookUpdates {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private WebhookUpdates() {
    }

    /** An update with a private message of {@code text} from user {@code userId}, as Telegram posts it. */
    public static String privateMessage(long updateId, long userId, String text) {
        return message(updateId, "{\"id\": %d, \"type\": \"private\", \"first_name\": \"U%d\"}".formatted(userId, userId),
                userId, text);
    }

    /** An update with a message of {@code text} from user {@code userId} in the group {@code groupId}. */
    public static String groupMessage(long updateId, long groupId, long userId, String text) {
        return message(updateId, "{\"id\": %d, \"type\": \"supergroup\", \"title\": \"Team %d\"}".formatted(groupId,
                groupId), userId, text);
    }

    private static String message(long updateId, String chat, long userId, String text) {
        String escaped = text.replace("\\", "\\\\").replace("\"", "\\\"");
        return """
                {"update_id": %d, "message": {"message_id": %d, "date": %d, "chat": %s,
                 "from": {"id": %d, "is_bot": false, "first_name": "U%d", "language_code": "en"},
                 "text": "%s"}}""".formatted(updateId, updateId % 1_000_000, Instant.now().getEpochSecond(), chat,
                userId, userId, escaped);
    }

    /** Posts {@code body} to the bot's webhook at {@code /hook} with {@code secret}; the status, or -1 for no answer. */
    public static int post(int port, String secret, String body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hook"))
                    .header("Content-Type", "application/json").header("X-Telegram-Bot-Api-Secret-Token", secret)
                    .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The answers among {@code calls} (messages to the chat that end with an answer's footer). */
    public static List<BotCall> answersTo(List<BotCall> calls, long chatId) {
        return calls.stream().filter(c -> c.chatId() == chatId && c.is("sendMessage") && c.text().contains("<i>—"))
                .toList();
    }
}
