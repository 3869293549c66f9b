package dev.chorus.provider.catalog;

import dev.chorus.config.CatalogSettings;
import dev.chorus.config.ConfigException;
import dev.chorus.config.ConfigKey;
import dev.chorus.provider.ProviderException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models Chorus knows, with prices, limits and per-domain capability scores. The shipped list
 * lives in {@code catalog/models.json} inside the jar; config can replace entries and add its own.
 * Immutable and thread-safe.
 */
public final class ModelCatalog {
    private static final String BUILT_IN = "/catalog/models.json";

    private final Map<String, ModelSpec> models;

    public ModelCatalog(List<ModelSpec> models) {
        Map<String, ModelSpec> byId = new LinkedHashMap<>();
        for (ModelSpec model : models) {
            if (byId.putIfAbsent(model.id(), model) != null) {
                throw new ProviderException("duplicate model id in catalog: " + model.id());
            }
        }
        this.models = java.util.Collections.unmodifiableMap(byId);
    }

    /** The catalog shipped in the jar. */
    public static ModelCatalog builtIn() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new ProviderException("the built-in model catalog " + BUILT_IN + " is missing from the jar");
            }
            return new ModelCatalog(CatalogJson.read(in));
        } catch (IOException e) {
            throw new ProviderException("cannot read the built-in model catalog: " + e.getMessage(), e);
        }
    }

    /**
     * The built-in catalog (unless {@code settings.builtIn()} is false), then the models of
     * {@code settings.file()} (same id: replaced), then each {@code models.<id>.*} config entry
     * (changing a known model or adding one).
     *
     * @throws ConfigException naming the file or key that is wrong, or when no model is left
     */
    public static ModelCatalog load(CatalogSettings settings) {
        Map<String, ModelSpec> byId = settings.builtIn() ? new LinkedHashMap<>(builtIn().models) : new LinkedHashMap<>();
        settings.file().ifPresent(file -> readFile(file).forEach(m -> byId.put(m.id(), m)));
        settings.models().forEach((id, fields) -> {
            try {
                byId.put(id, ModelOverrides.apply(id, fields, byId.get(id)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("Config error: models." + id + ": " + e.getMessage());
            }
        });
        if (byId.isEmpty()) {
            // Only reachable with catalog.builtin=false: an empty catalog would fail later and less clearly.
            throw new ConfigException("Config error: catalog.builtin (env CHORUS_CATALOG_BUILTIN) is false, but "
                    + "neither catalog.file nor models.<id>.* keys define a model");
        }
        return new ModelCatalog(List.copyOf(byId.values()));
    }

    private static List<ModelSpec> readFile(Path file) {
        // Named by its key, not its path: the value could be a token pasted into the wrong line.
        String label = ConfigKey.CATALOG_FILE.label();
        try (InputStream in = Files.newInputStream(file)) {
            return CatalogJson.read(in);
        } catch (NoSuchFileException e) {
            throw new ConfigException("Config error: " + label + " names a file that does not exist "
                    + "(a relative path starts at the working directory)");
        } catch (FileSystemException e) {
            throw new ConfigException("Config error: " + label + " names a file that cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("Config error: " + label + " is not a valid catalog: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    public Optional<ModelSpec> find(String id) {
        return Optional.ofNullable(models.get(id));
    }

    /** All models, in catalog order. */
    public List<ModelSpec> all() {
        return List.copyOf(models.values());
    }
}
