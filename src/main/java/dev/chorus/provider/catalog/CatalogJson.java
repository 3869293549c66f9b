package dev.chorus.provider.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.Effort;
import dev.chorus.provider.ModelPrice;
import dev.chorus.provider.ReasoningRequest;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Reads the catalog's JSON format (the built-in {@code catalog/models.json} and user catalog files). */
final class CatalogJson {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CatalogJson() {
    }

    static List<ModelSpec> read(InputStream in) throws IOException {
        CatalogFile file = JSON.readValue(in, CatalogFile.class);
        if (file.models() == null) {
            throw new IOException("no \"models\" list");
        }
        return file.models().stream().map(m -> m.toSpec(file.pricesTakenOn())).toList();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CatalogFile(LocalDate pricesTakenOn, List<Entry> models) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(String id, String provider, WireProtocol protocol, String apiModel, int contextWindow,
                 int maxOutput, Price price, Map<String, Double> capabilities, LatencyClass latency, boolean local,
                 ReasoningEntry reasoning, LocalDate pricedOn) {
        /** @param fileDate the file's pricesTakenOn, for a model without its own {@code pricedOn} */
        ModelSpec toSpec(LocalDate fileDate) {
            if (id == null || provider == null || protocol == null) {
                throw new IllegalArgumentException("a model needs id, provider and protocol: " + id);
            }
            ModelPrice modelPrice = price == null ? ModelPrice.FREE
                    : new ModelPrice(price.input(), price.cachedInput(), price.output(),
                    this.pricedOn != null ? this.pricedOn : fileDate);
            Map<Domain, Double> scores = new EnumMap<>(Domain.class);
            if (capabilities != null) {
                capabilities.forEach((domain, score) -> scores.put(Domain.fromKey(domain), score));
            }
            return new ModelSpec(id, provider, protocol, apiModel, contextWindow, maxOutput, modelPrice, scores,
                    latency, local, reasoning == null ? Reasoning.NONE : reasoning.toReasoning(id));
        }
    }

    /** {@code "reasoning": {"style": "effort" | "thinking" | "hidden", "defaultEffort": "low" | "medium" | "high"}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReasoningEntry(String style, String defaultEffort) {
        Reasoning toReasoning(String id) {
            try {
                return new Reasoning(ReasoningRequest.Style.valueOf(style.strip().toUpperCase(java.util.Locale.ROOT)),
                        defaultEffort == null ? null : Effort.of(defaultEffort));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException(id + ": reasoning needs a style of effort, thinking or hidden and "
                        + "a defaultEffort of low, medium or high");
            }
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Price(BigDecimal input, BigDecimal cachedInput, BigDecimal output) {
        Price {
            input = input == null ? BigDecimal.ZERO : input;
            output = output == null ? BigDecimal.ZERO : output;
        }
    }
}
