package dev.chorus.config;

import java.net.URI;
import java.util.Optional;

/**
 * Where one provider is reached and with which key. A provider with no key is still usable when it
 * needs none (a local Ollama or another OpenAI-compatible server on the machine).
 */
public record ProviderEndpoint(String provider, URI baseUrl, Optional<Secret> apiKey) {
    public ProviderEndpoint {
        if (provider == null || provider.isBlank()) {
            throw new IllegalArgumentException("provider");
        }
        if (baseUrl == null || apiKey == null) {
            throw new IllegalArgumentException("baseUrl and apiKey are required");
        }
    }
}
