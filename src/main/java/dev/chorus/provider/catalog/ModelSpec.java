package dev.chorus.provider.catalog;

import dev.chorus.provider.ModelPrice;
import java.util.Objects;

/**
 * One model in the catalog.
 *
 * @param id the name users and config use, unique in the catalog
 * @param provider which configured endpoint serves it ({@code openai}, {@code ollama}, ...)
 * @param apiModel the model name sent on the wire (an OpenRouter slug, a dated snapshot, ...)
 * @param local true when the model runs on the bot's own machine, so private data may go to it
 */
public record ModelSpec(
        String id,
        String provider,
        WireProtocol protocol,
        String apiModel,
        int contextWindow,
        int maxOutput,
        ModelPrice price,
        boolean local) {

    public ModelSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(price, "price");
        if (apiModel == null || apiModel.isBlank()) {
            apiModel = id;
        }
        if (contextWindow <= 0 || maxOutput <= 0) {
            throw new IllegalArgumentException(id + ": contextWindow and maxOutput must be positive");
        }
    }
}
