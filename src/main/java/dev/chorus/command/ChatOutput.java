package dev.chorus.command;

import java.util.List;

/** Where replies for one chat go. Implemented by the Telegram adapter; used from one thread per chat. */
public interface ChatOutput {
    /** Shows "typing…" until the returned handle is closed. */
    Typing typing();

    /** Sends the reply (split into several messages if long); returns the ids of the messages sent. */
    List<Integer> send(Reply reply);

    /**
     * Starts an answer that is shown while it is generated (typing first, then the growing text);
     * {@link AnswerStream#finish} replaces it with the final reply.
     */
    AnswerStream startAnswer();

    /** Confirms a button press so the user's client stops its spinner; {@code text} is a short toast or null. */
    void acknowledge(String callbackId, String text);

    /** Sends a PNG image with a short caption (plain text, at most about 1,000 characters). */
    void sendPhoto(byte[] png, String caption);

    /** An answer being generated: text arrives through {@link #onText}. */
    interface AnswerStream extends dev.chorus.orchestration.AnswerProgress {
        /** Shows {@code reply} as the final answer; returns the ids of its messages. */
        List<Integer> finish(Reply reply);
    }

    /** A running "typing…" indicator. */
    interface Typing extends AutoCloseable {
        @Override
        void close();
    }
}
