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
    default ChatOutcome stream(ChatRequest request, StreamListener listener) {
        return stream(request, listener, new CancelSignal());
    }

    /**
     * Like {@link #stream(ChatRequest, StreamListener)}, but {@code cancel} can abort the call from
     * another thread; the call then ends at once with whatever outcome the abort produced (the
     * caller that cancelled knows why, and reports it).
     */
    ChatOutcome stream(ChatRequest request, StreamListener listener, CancelSignal cancel);
}
