package dev.chorus.provider.embedding;

/**
 * Turns a short text into a sentence embedding, so that two wordings of one question land close
 * together. Implementations are thread-safe.
 */
public interface Embedder {
    /** A unit-length vector for {@code text}. */
    float[] embed(String text);

    /** What the vectors come from, for logs and /health: {@code all-minilm-l6-v2-q (in-process)}. */
    String name();

    /**
     * Whether the model was trained on text in this language (ISO 639-1). A model that does not know
     * a language still returns vectors for it, but close ones mean nothing, so the cache matches such
     * questions only word for word.
     */
    boolean understands(String language);

    /** Scales {@code v} to unit length in place and returns it. */
    static float[] normalized(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        if (sum > 0) {
            float scale = (float) (1 / Math.sqrt(sum));
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
            }
        }
        return v;
    }
}
