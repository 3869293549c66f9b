package dev.chorus.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One Bot API call the bot made to the emulator, with the emulator's result. */
public record BotCall(long seq, String method, JsonNode body, JsonNode result) {

    public long chatId() {
        return body.path("chat_id").asLong();
    }

    public String text() {
        return body.path("text").asText();
    }

    public boolean is(String name) {
        return method.equalsIgnoreCase(name);
    }

    /** Whether Telegram (the emulator) accepted the call, rather than an injected failure. */
    public boolean accepted() {
        return !result.has("error_code");
    }

    /** The sendMessage calls to {@code chatId} that were accepted, in order. */
    public static List<BotCall> deliveredTo(List<BotCall> calls, long chatId) {
        return calls.stream().filter(c -> c.is("sendMessage") && c.chatId() == chatId && c.accepted()).toList();
    }

    /** The sendMessage calls to {@code chatId}, in order. */
    public static List<BotCall> messagesTo(List<BotCall> calls, long chatId) {
        return calls.stream().filter(c -> c.is("sendMessage") && c.chatId() == chatId).toList();
    }

    @Override
    public String toString() {
        return "#" + seq + " " + method + " " + body;
    }
}
