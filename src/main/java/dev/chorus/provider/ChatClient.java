package dev.chorus.provider;

/**
 * One provider's chat API. Implementations are thread-safe: one instance serves all chats.
 *
 * <p>Every failure the provider or the network can cause (4xx, 5xx, timeouts, dropped streams)
 * is returned as a {@link ChatOutcome}; no checked exception and no HTTP error escapes. Only
 * programming errors throw ({@link ProviderException}, {@link IllegalArgumentException}).
 */
public interface ChatClient {

    /** Sends the request and waits for the whole answer. */
    ChatOutcome complete(ChatRequest request);

    /** Sends the request and passes answer text to the listener as it arrives. Blocks until the end. */
    ChatOutcome stream(ChatRequest request, StreamListener listener);
}
