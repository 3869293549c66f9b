package dev.chorus.provider.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.ModelPrice;
import dev.chorus.provider.ProviderException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models Chorus knows, with prices and limits. The shipped list lives in
 * {@code catalog/models.json} inside the jar. Immutable and thread-safe.
 */
public final class ModelCatalog {
    private static final String BUILT_IN = "/catalog/models.json";

    private final Map<String, ModelSpec> models;
    private final List<String> order;

    public ModelCatalog(List<ModelSpec> models) {
        Map<String, ModelSpec> byId = new LinkedHashMap<>();
        for (ModelSpec model : models) {
            if (byId.putIfAbsent(model.id(), model) != null) {
                throw new ProviderException("duplicate model id in catalog: " + model.id());
            }
        }
        this.models = Map.copyOf(byId);
        this.order = List.copyOf(byId.keySet());
    }

    /** The catalog shipped in the jar. */
    public static ModelCatalog builtIn() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new ProviderException("the built-in model catalog " + BUILT_IN + " is missing from the jar");
            }
            return parse(in);
        } catch (IOException e) {
            throw new ProviderException("cannot read the built-in model catalog: " + e.getMessage(), e);
        }
    }

    static ModelCatalog parse(InputStream json) throws IOException {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        CatalogFile file = mapper.readValue(json, CatalogFile.class);
        return new ModelCatalog(file.models().stream().map(m -> m.toSpec(file.pricesTakenOn())).toList());
    }

    public Optional<ModelSpec> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    /** All models, in catalog order. */
    public List<ModelSpec> all() {
        return order.stream().map(models::get).toList();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CatalogFile(LocalDate pricesTakenOn, List<Entry> models) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(String id, String provider, WireProtocol protocol, String apiModel, int contextWindow,
                 int maxOutput, Price price, boolean local) {
        ModelSpec toSpec(LocalDate pricedOn) {
            ModelPrice modelPrice = price == null ? ModelPrice.FREE
                    : new ModelPrice(price.input(), price.cachedInput(), price.output(), pricedOn);
            return new ModelSpec(id, provider, protocol, apiModel, contextWindow, maxOutput, modelPrice, local);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Price(BigDecimal input, BigDecimal cachedInput, BigDecimal output) {
    }
}
