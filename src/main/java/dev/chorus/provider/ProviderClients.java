package dev.chorus.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.config.ChorusConfig;
import dev.chorus.config.ProviderEndpoint;
import dev.chorus.config.Secret;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.catalog.WireProtocol;
import dev.chorus.provider.openai.OpenAiCompatibleClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Makes and keeps one {@link ChatClient} per configured provider, all sharing one HTTP client (one
 * connection pool). Thread-safe.
 */
public final class ProviderClients {
    private final ChorusConfig config;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final Map<String, ChatClient> clients = new ConcurrentHashMap<>();

    public ProviderClients(ChorusConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(config.providerTimeout())
                .callTimeout(config.providerTimeout())
                .build();
    }

    /** The client that speaks to {@code model}'s provider. */
    public ChatClient clientFor(ModelSpec model) {
        return clients.computeIfAbsent(model.provider(), provider -> create(model));
    }

    /**
     * Why {@code model} cannot be used with this config, or {@code null} when it can: checked at start
     * so that a missing key fails there, naming the key, and not at the first question.
     */
    public String problemWith(ModelSpec model) {
        ProviderEndpoint endpoint = config.provider(model.provider()).orElse(null);
        if (endpoint == null) {
            return "provider '" + model.provider() + "' of model " + model.id() + " is not configured";
        }
        if (model.protocol() != WireProtocol.OPENAI_CHAT) {
            return "model " + model.id() + " speaks " + model.protocol()
                    + ", which this version cannot call yet; choose an OpenAI-compatible model";
        }
        if (!model.local() && endpoint.apiKey().isEmpty()) {
            return "model " + model.id() + " needs " + model.provider() + ".api-key (env "
                    + model.provider().toUpperCase(java.util.Locale.ROOT) + "_API_KEY)";
        }
        return null;
    }

    private ChatClient create(ModelSpec model) {
        String problem = problemWith(model);
        if (problem != null) {
            throw new ProviderException(problem);
        }
        ProviderEndpoint endpoint = config.provider(model.provider()).orElseThrow();
        HttpUrl baseUrl = HttpUrl.get(endpoint.baseUrl().toString());
        return new OpenAiCompatibleClient(http, baseUrl, endpoint.apiKey().map(Secret::reveal).orElse(null), json);
    }
}
