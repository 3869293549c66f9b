package dev.chorus.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys whose names carry a name of the user's: custom providers
 * ({@code providers.<name>.base-url}, {@code providers.<name>.api-key}, the key also from
 * {@code CHORUS_PROVIDER_<NAME>_API_KEY}) and catalog entries ({@code models.<id>.<field>}).
 * Their values are checked here for shape; the catalog checks the model fields' meaning.
 */
final class DynamicKeys {
    private static final Pattern PROVIDER_KEY = Pattern.compile("^providers\\.([a-z0-9_-]+)\\.(base-url|api-key)$");
    /** Fields of {@code models.<id>.}; the id itself may contain dots ({@code qwen2.5:7b}). */
    static final Set<String> MODEL_FIELDS = Set.of("provider", "protocol", "api-model", "context-window", "max-output",
            "price.input", "price.cached-input", "price.output", "capabilities", "latency", "local");

    private final List<ProviderEndpoint> providers;
    private final Map<String, Map<String, String>> models;

    private DynamicKeys(List<ProviderEndpoint> providers, Map<String, Map<String, String>> models) {
        this.providers = providers;
        this.models = models;
    }

    static boolean isDynamic(String key) {
        return PROVIDER_KEY.matcher(key).matches() || modelField(key) != null;
    }

    static DynamicKeys read(Properties properties, Map<String, String> env, Path file) {
        Map<String, Map<String, String>> providerValues = new TreeMap<>();
        Map<String, Map<String, String>> models = new LinkedHashMap<>();
        for (String key : new java.util.TreeSet<>(properties.stringPropertyNames())) {
            String value = properties.getProperty(key).strip();
            Matcher provider = PROVIDER_KEY.matcher(key);
            if (provider.matches()) {
                providerValues.computeIfAbsent(provider.group(1), n -> new TreeMap<>()).put(provider.group(2), value);
                continue;
            }
            String field = modelField(key);
            if (field != null) {
                String id = key.substring("models.".length(), key.length() - field.length() - 1);
                models.computeIfAbsent(id, i -> new TreeMap<>()).put(field, value);
            }
        }
        List<ProviderEndpoint> endpoints = new ArrayList<>();
        providerValues.forEach((name, values) -> endpoints.add(endpoint(name, values, env)));
        return new DynamicKeys(List.copyOf(endpoints), models);
    }

    List<ProviderEndpoint> providers() {
        return providers;
    }

    Map<String, Map<String, String>> models() {
        return models;
    }

    private static String modelField(String key) {
        if (!key.startsWith("models.")) {
            return null;
        }
        for (String field : MODEL_FIELDS) {
            if (key.endsWith("." + field) && key.length() > "models.".length() + field.length() + 1) {
                return field;
            }
        }
        return null;
    }

    private static ProviderEndpoint endpoint(String name, Map<String, String> values, Map<String, String> env) {
        String label = "providers." + name + ".base-url";
        String url = values.get("base-url");
        if (url == null || url.isBlank()) {
            throw new ConfigException("Config error: " + label + " is required for the custom provider '" + name + "'");
        }
        URI uri = BaseUrls.parse(label, url);
        String envName = "CHORUS_PROVIDER_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_API_KEY";
        String key = env.get(envName) != null && !env.get(envName).isBlank() ? env.get(envName) : values.get("api-key");
        return new ProviderEndpoint(name, uri, Optional.ofNullable(key).filter(k -> !k.isBlank()).map(Secret::of));
    }
}
