package dev.chorus.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How config changes the model catalog.
 *
 * @param file a JSON catalog whose models replace or extend the built-in ones
 * @param models {@code models.<id>.<field>} keys, as model id → field → raw value
 * @param fallbacks model ids tried in order when the chosen one fails; empty for automatic
 * @param builtIn whether the catalog starts from the built-in models; false routes among the config's own only
 */
public record CatalogSettings(Optional<Path> file, Map<String, Map<String, String>> models, List<String> fallbacks,
                              boolean builtIn) {
    public static final CatalogSettings NONE = new CatalogSettings(Optional.empty(), Map.of(), List.of());

    public CatalogSettings {
        models = Map.copyOf(models);
        fallbacks = List.copyOf(fallbacks);
    }

    /** Settings on top of the built-in catalog, as before {@code catalog.builtin} existed. */
    public CatalogSettings(Optional<Path> file, Map<String, Map<String, String>> models, List<String> fallbacks) {
        this(file, models, fallbacks, true);
    }
}
