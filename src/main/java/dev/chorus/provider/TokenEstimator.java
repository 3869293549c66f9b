package dev.chorus.provider;

import java.util.List;

/**
 * A deliberately crude token count (about four characters per token for English text), used
 * only when a provider reports no usage. A real tokenizer can replace it later.
 */
public final class TokenEstimator {

    private TokenEstimator() {
    }

    public static long estimate(String text) {
        return text == null ? 0 : (text.length() + 3L) / 4;
    }

    public static long estimate(List<ChatMessage> messages) {
        long chars = 0;
        for (ChatMessage message : messages) {
            chars += message.content().length();
        }
        return (chars + 3) / 4;
    }
}
