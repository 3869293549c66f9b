package dev.chorus.provider.catalog;

import dev.chorus.provider.ModelPrice;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One model in the catalog. Immutable.
 *
 * @param id the name users and config use, unique in the catalog
 * @param provider which configured endpoint serves it ({@code openai}, {@code ollama}, a custom name)
 * @param apiModel the model name sent on the wire (an OpenRouter slug, a dated snapshot, ...)
 * @param capabilities how good the model is per domain, 0..1; a missing domain counts as 0
 * @param local true when the model runs on the bot's own machine, so private data may go to it
 * @param reasoning whether and how it thinks before answering ({@link Reasoning#NONE} when it does not)
 */
public record ModelSpec(
        String id,
        String provider,
        WireProtocol protocol,
        String apiModel,
        int contextWindow,
        int maxOutput,
        ModelPrice price,
        Map<Domain, Double> capabilities,
        LatencyClass latency,
        boolean local,
        Reasoning reasoning) {

    /** A model that does not reason. */
    public ModelSpec(String id, String provider, WireProtocol protocol, String apiModel, int contextWindow,
                     int maxOutput, ModelPrice price, Map<Domain, Double> capabilities, LatencyClass latency,
                     boolean local) {
        this(id, provider, protocol, apiModel, contextWindow, maxOutput, price, capabilities, latency, local,
                Reasoning.NONE);
    }

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
        EnumMap<Domain, Double> scores = new EnumMap<>(Domain.class);
        if (capabilities != null) {
            capabilities.forEach((domain, score) -> {
                if (score == null || !(score >= 0.0 && score <= 1.0)) {
                    throw new IllegalArgumentException(id + ": capability " + domain.key() + " must be within 0..1");
                }
                scores.put(domain, score);
            });
        }
        capabilities = Map.copyOf(scores);
        latency = latency == null ? LatencyClass.MEDIUM : latency;
        reasoning = reasoning == null ? Reasoning.NONE : reasoning;
    }

    /** The model's score for {@code domain}, 0 when the catalog does not rate it. */
    public double capability(Domain domain) {
        return capabilities.getOrDefault(domain, 0.0);
    }

    /** Its mean score over all domains: a rough overall strength, for ordering fallbacks. */
    public double overallCapability() {
        double sum = 0;
        for (Domain domain : Domain.values()) {
            sum += capability(domain);
        }
        return sum / Domain.values().length;
    }
}
