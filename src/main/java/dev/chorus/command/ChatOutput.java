package dev.chorus.command;

import java.util.function.IntConsumer;

/** Where replies for one chat go. Implemented by the Telegram adapter; used from one thread per chat. */
public interface ChatOutput {
    /** Shows "typing…" until the returned handle is closed. */
    Typing typing();

    /**
     * Sends the reply (split into several messages if long). It is written down before it is sent
     * and delivered in order, also after an outage or a restart; this returns once it is written.
     */
    void send(Reply reply);

    /** Replaces the text (and buttons) of the bot's message {@code messageId} with {@code reply}. */
    void edit(int messageId, Reply reply);

    /**
     * Starts an answer that is shown while it is generated (typing first, then the growing text);
     * {@link AnswerStream#finish} replaces it with the final reply.
     *
     * @param previewShown told the id of a message that shows the answer while it grows (in groups)
     */
    AnswerStream startAnswer(IntConsumer previewShown);

    /** As above; {@code waitingNotice} is shown, in the asker's language, if the model is slow to start. */
    default AnswerStream startAnswer(IntConsumer previewShown, String waitingNotice) {
        return startAnswer(previewShown);
    }

    default AnswerStream startAnswer() {
        return startAnswer(id -> { });
    }

    /** Confirms a button press so the user's client stops its spinner; {@code text} is a short toast or null. */
    void acknowledge(String callbackId, String text);

    /** Sends a PNG image with a short caption (plain text, at most about 1,000 characters). */
    void sendPhoto(byte[] png, String caption);

    /** An answer being generated: text arrives through {@link #onText}. */
    interface AnswerStream extends dev.chorus.orchestration.AnswerProgress {
        /**
         * Shows {@code status} above the growing answer (several models at work, what each is doing),
         * replacing the previous status; plain text, updated within the chat's flood limits.
         */
        default void showStatus(String status) {
        }

        /** Shows {@code reply} as the final answer. */
        void finish(Reply reply);
    }

    /** A running "typing…" indicator. */
    interface Typing extends AutoCloseable {
        @Override
        void close();
    }
}
