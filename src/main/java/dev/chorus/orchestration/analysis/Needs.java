package dev.chorus.orchestration.analysis;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * What answering a question requires regardless of its topic: how much context it brings, whether it
 * carries private data, whether it asks about the present, whether it has several parts. Always
 * extracted locally, never by a model, so that detecting private data never means sending it out.
 *
 * @param promptTokens o200k token count of the question with its prior turns and chat overhead
 * @param longContext  true when {@code promptTokens} exceeds {@link #LONG_CONTEXT_TOKENS}
 * @param privateData  the kinds found, each once, in declaration order
 * @param freshness    the question asks about current events, prices or dates a model's training may predate
 * @param multiStep    the question has several parts or asks for a step-by-step procedure
 */
public record Needs(long promptTokens, boolean longContext, List<PrivateData> privateData, boolean freshness,
                    boolean multiStep) {

    /**
     * Above this many prompt tokens the cheapest models (often 8k to 16k windows, and weaker at
     * recall far back in their window) stop being safe choices.
     */
    public static final long LONG_CONTEXT_TOKENS = 8_000;

    public Needs {
        if (promptTokens < 0) {
            throw new IllegalArgumentException("promptTokens must not be negative: " + promptTokens);
        }
        Objects.requireNonNull(privateData, "privateData");
        // a canonical order and no repeats, so equal findings compare equal
        privateData = privateData.isEmpty() ? List.of() : List.copyOf(EnumSet.copyOf(privateData));
    }

    public static Needs of(long promptTokens, List<PrivateData> privateData, boolean freshness, boolean multiStep) {
        return new Needs(promptTokens, promptTokens > LONG_CONTEXT_TOKENS, privateData, freshness, multiStep);
    }

    public boolean hasPrivateData() {
        return !privateData.isEmpty();
    }
}
