package dev.chorus.provider.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.config.ChorusConfig;
import dev.chorus.config.ProviderEndpoint;
import dev.chorus.config.Secret;
import dev.chorus.provider.ChatClient;
import dev.chorus.provider.ProviderException;
import dev.chorus.provider.anthropic.AnthropicClient;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.catalog.WireProtocol;
import dev.chorus.provider.openai.OpenAiCompatibleClient;
import dev.chorus.provider.resilience.FallbackChain;
import dev.chorus.provider.resilience.ProviderGuard;
import dev.chorus.provider.resilience.ProviderHealth;
import dev.chorus.provider.resilience.ProviderMetrics;
import dev.chorus.provider.resilience.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The configured providers: one {@link ProviderGuard} per provider, talking through one client per
 * wire protocol the provider's models use (all sharing one HTTP connection pool), which catalog
 * models can be used with this config, and in which order models stand in for each other.
 * Thread-safe.
 */
public final class ProviderFleet implements AutoCloseable {
    /** Ids of models whose provider said they are gone; read on every routing, written rarely. */
    private final Set<String> gone = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ChorusConfig config;
    private volatile ModelCatalog catalog;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ProviderMetrics metrics;
    /** Each provider's guard (its breaker and bulkhead), with the protocol of the client it was built with. */
    private final Map<String, Built> guards = new ConcurrentHashMap<>();
    /** The guard per provider and protocol: the provider's own, or a copy of it with that protocol's client. */
    private final Map<Wire, ProviderGuard> wired = new ConcurrentHashMap<>();

    public ProviderFleet(ChorusConfig config, ModelCatalog catalog, ObjectMapper json, Clock clock, Sleeper sleeper) {
        this(config, catalog, json, clock, sleeper, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    /** @param registry where every provider call's outcome and first-token time are recorded */
    public ProviderFleet(ChorusConfig config, ModelCatalog catalog, ObjectMapper json, Clock clock, Sleeper sleeper,
                         io.micrometer.core.instrument.MeterRegistry registry) {
        this.metrics = new ProviderMetrics(registry);
        this.config = config;
        this.catalog = catalog;
        this.json = json;
        this.clock = clock;
        this.sleeper = sleeper;
        // The guard enforces the first-token and total timeouts precisely; these are a backstop.
        Duration total = config.resilience().totalTimeout().plusSeconds(5);
        // OkHttp keeps 5 idle connections by default: a burst past that (the bulkhead allows
        // provider.max-concurrent-calls per provider) then paid a fresh TCP and TLS handshake each.
        int idle = Math.max(5, config.resilience().maxConcurrentCalls());
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(total)
                .callTimeout(total)
                .connectionPool(new okhttp3.ConnectionPool(idle, 5, java.util.concurrent.TimeUnit.MINUTES))
                .build();
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    /**
     * Puts {@code next} in place of the catalog, at once for every question routed after: a newer
     * catalog file loaded while the bot runs. Models set aside as gone are given another chance, since
     * the catalog changed. Returns which ids came and went.
     */
    public CatalogChange reload(ModelCatalog next) {
        Set<String> before = new java.util.TreeSet<>(catalog.all().stream().map(ModelSpec::id).toList());
        Set<String> after = new java.util.TreeSet<>(next.all().stream().map(ModelSpec::id).toList());
        catalog = next;
        gone.clear();
        Set<String> added = new java.util.TreeSet<>(after);
        added.removeAll(before);
        Set<String> removed = new java.util.TreeSet<>(before);
        removed.removeAll(after);
        return new CatalogChange(after.size(), List.copyOf(added), List.copyOf(removed));
    }

    /** What a reload changed. */
    public record CatalogChange(int models, List<String> added, List<String> removed) {
    }

    public ProviderMetrics metrics() {
        return metrics;
    }

    /**
     * Why {@code model} cannot be used with this config, or {@code null} when it can: checked at start
     * for the default model, so that a missing key fails there, naming the key.
     */
    public String problemWith(ModelSpec model) {
        ProviderEndpoint endpoint = config.provider(model.provider()).orElse(null);
        if (endpoint == null) {
            return "provider '" + model.provider() + "' of model " + model.id()
                    + " is not configured (set providers." + model.provider() + ".base-url)";
        }
        if (!model.local() && endpoint.apiKey().isEmpty() && !isCustom(model.provider())) {
            return "model " + model.id() + " needs " + model.provider() + ".api-key (env "
                    + model.provider().toUpperCase(Locale.ROOT) + "_API_KEY)";
        }
        return null;
    }

    public boolean usable(ModelSpec model) {
        return problemWith(model) == null && !gone.contains(model.id());
    }

    /**
     * Sets {@code model} aside: its provider said it does not exist (any more). It stays out of
     * routing until the catalog changes (a restart or a reload); returns false when it already was.
     */
    public boolean setAside(ModelSpec model) {
        return gone.add(model.id());
    }

    /** The models set aside because their provider said they are gone. */
    public Set<String> setAside() {
        return Set.copyOf(gone);
    }

    /** Every catalog model this config can call. */
    public List<ModelSpec> usableModels() {
        return catalog.all().stream().filter(this::usable).toList();
    }

    /**
     * {@code chosen} first, then the models that stand in when it fails: those listed in
     * {@code model.fallbacks} (each checked at start by {@code StartChecks.checkFallbacks}), or else every
     * usable model, strongest first and cheaper first among equals.
     */
    public List<ModelSpec> withFallbacks(ModelSpec chosen) {
        Set<ModelSpec> order = new LinkedHashSet<>();
        order.add(chosen);
        if (!config.catalog().fallbacks().isEmpty()) {
            config.catalog().fallbacks().forEach(id -> catalog.find(id).filter(this::usable).ifPresent(order::add));
        } else {
            usableModels().stream()
                    .sorted(Comparator.comparingDouble(ModelSpec::overallCapability).reversed()
                            .thenComparing(m -> m.price().outputPerMillion()))
                    .forEach(order::add);
        }
        return new ArrayList<>(order);
    }

    /**
     * {@code chosen} followed by the admin's {@code model.fallbacks}; empty when none are set, so the
     * delegation engine's order applies.
     */
    public List<ModelSpec> configuredFallbacks(ModelSpec chosen) {
        return config.catalog().fallbacks().isEmpty() ? List.of() : withFallbacks(chosen);
    }

    /**
     * The guard for {@code model}: per provider, so that its breaker counts every call to it, but
     * with the client of the model's own protocol ({@code models.<id>.protocol} may differ between
     * models of one provider).
     */
    public ProviderGuard guard(ModelSpec model) {
        return wired.computeIfAbsent(new Wire(model.provider(), model.protocol()), wire -> {
            ChatClient client = client(model);
            Built built = guards.computeIfAbsent(wire.provider(), provider -> new Built(wire.protocol(),
                    new ProviderGuard(provider, client, config.resilience(), clock, sleeper, metrics)));
            return built.protocol() == wire.protocol() ? built.guard() : built.guard().withClient(client);
        });
    }

    /** The guards created so far, one per provider: the providers that have been called. */
    public List<ProviderGuard> guards() {
        return guards.values().stream().map(Built::guard).sorted(Comparator.comparing(ProviderGuard::provider))
                .toList();
    }

    /** The health of every configured provider that has a usable model, by name. */
    public List<ProviderHealth> health() {
        Map<String, ModelSpec> byProvider = new java.util.TreeMap<>();
        usableModels().forEach(m -> byProvider.putIfAbsent(m.provider(), m));
        List<ProviderHealth> health = new ArrayList<>();
        byProvider.forEach((provider, model) -> {
            ProviderGuard guard = guard(model);
            Duration[] latency = metrics.firstTokenPercentiles(provider);
            health.add(new ProviderHealth(provider, guard.state().name(), latency == null ? null : latency[0],
                    latency == null ? null : latency[1], guard.failureRate()));
        });
        return health;
    }

    /** Ends the HTTP client's threads and pooled connections. */
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    public FallbackChain chain(FallbackChain.FailureObserver observer) {
        return chain(observer, (model, message) -> { });
    }

    /**
     * @param gone told once per model its provider says is gone, after it was set aside (to tell the admins)
     */
    public FallbackChain chain(FallbackChain.FailureObserver observer,
                               java.util.function.BiConsumer<ModelSpec, String> gone) {
        return new FallbackChain(this::guard, new FallbackChain.FailureObserver() {
            @Override
            public void authFailed(String provider, String message) {
                observer.authFailed(provider, message);
            }

            @Override
            public void modelGone(ModelSpec model, String message) {
                observer.modelGone(model, message);
                if (setAside(model)) {
                    gone.accept(model, message);
                }
            }
        });
    }

    private ChatClient client(ModelSpec model) {
        String problem = problemWith(model);
        if (problem != null) {
            throw new ProviderException(problem);
        }
        ProviderEndpoint endpoint = config.provider(model.provider()).orElseThrow();
        HttpUrl baseUrl = HttpUrl.get(endpoint.baseUrl().toString());
        String key = endpoint.apiKey().map(Secret::reveal).orElse(null);
        return model.protocol() == WireProtocol.ANTHROPIC_MESSAGES
                ? new AnthropicClient(http, baseUrl, key, json)
                : new OpenAiCompatibleClient(http, baseUrl, key, json);
    }

    private record Wire(String provider, WireProtocol protocol) {
    }

    private record Built(WireProtocol protocol, ProviderGuard guard) {
    }

    private static boolean isCustom(String provider) {
        return !Set.of("openai", "anthropic", "mistral", "xai", "gemini", "openrouter", "ollama").contains(provider);
    }
}
