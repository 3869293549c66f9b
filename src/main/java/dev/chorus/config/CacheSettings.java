package dev.chorus.config;

import java.util.Optional;

/**
 * How the answer cache matches a question to one answered before.
 *
 * @param semantic whether reworded questions are matched by meaning at all (off: word for word only)
 * @param remote the provider's embeddings endpoint to use, or empty for the in-process model
 * @param similarity the least cosine similarity at which two questions count as the same
 */
public record CacheSettings(boolean semantic, Optional<ProviderModel> remote, double similarity) {
    public static final CacheSettings DEFAULT = new CacheSettings(true, Optional.empty(), 0.84);

    /** An embeddings model of a configured provider, such as {@code openai:text-embedding-3-small}. */
    public record ProviderModel(String provider, String model) {
    }
}
