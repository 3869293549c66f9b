package dev.chorus.command;

/** Where replies for one chat go. Implemented by the Telegram adapter; used from one thread per chat. */
public interface ChatOutput {
    /** Shows "typing…" until the returned handle is closed. */
    Typing typing();

    void send(Reply reply);

    /** Sends a PNG image with a short caption (plain text, at most about 1,000 characters). */
    void sendPhoto(byte[] png, String caption);

    /** A running "typing…" indicator. */
    interface Typing extends AutoCloseable {
        @Override
        void close();
    }
}
