package dev.chorus.command;

/** Where replies for one chat go. Implemented by the Telegram adapter; used from one thread per chat. */
public interface ChatOutput {
    /** Shows "typing…" until the returned handle is closed. */
    Typing typing();

    void send(Reply reply);

    /** A running "typing…" indicator. */
    interface Typing extends AutoCloseable {
        @Override
        void close();
    }
}
