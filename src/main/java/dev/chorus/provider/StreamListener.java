package dev.chorus.provider;

/** Receives answer text as it streams in. */
@FunctionalInterface
public interface StreamListener {

    /**
     * Called on the thread that called {@link ChatClient#stream}, in order, once per non-empty
     * piece of text. An exception thrown here aborts the stream and propagates to that caller.
     */
    void onText(String delta);

    /**
     * A piece of a model's visible thinking (Anthropic's thinking blocks): never answer text, but
     * output that is billed, so it counts toward the output cap. By default nothing is done with it.
     */
    default void onReasoning(String delta) {
    }
}
