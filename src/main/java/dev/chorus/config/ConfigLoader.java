package dev.chorus.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the properties file, lets environment variables override it, and validates every value.
 * Any problem is a {@link ConfigException} whose one-line message names the key, so that a bad
 * config stops the bot at start and not at the first question. The message says what is wrong and
 * what is expected but never repeats the value: a token pasted into the wrong key must not end up
 * in a terminal, a log or a CI transcript.
 */
public final class ConfigLoader {
    private static final Map<String, ConfigKey[]> PROVIDER_KEYS = Map.of(
            "openai", new ConfigKey[] {ConfigKey.OPENAI_BASE_URL, ConfigKey.OPENAI_API_KEY},
            "anthropic", new ConfigKey[] {ConfigKey.ANTHROPIC_BASE_URL, ConfigKey.ANTHROPIC_API_KEY},
            "mistral", new ConfigKey[] {ConfigKey.MISTRAL_BASE_URL, ConfigKey.MISTRAL_API_KEY},
            "xai", new ConfigKey[] {ConfigKey.XAI_BASE_URL, ConfigKey.XAI_API_KEY},
            "gemini", new ConfigKey[] {ConfigKey.GEMINI_BASE_URL, ConfigKey.GEMINI_API_KEY},
            "openrouter", new ConfigKey[] {ConfigKey.OPENROUTER_BASE_URL, ConfigKey.OPENROUTER_API_KEY},
            "ollama", new ConfigKey[] {ConfigKey.OLLAMA_BASE_URL, null});

    private final Map<ConfigKey, String> raw;
    private final DynamicKeys dynamic;
    private final boolean forBot;

    private ConfigLoader(Map<ConfigKey, String> raw, DynamicKeys dynamic, boolean forBot) {
        this.raw = raw;
        this.dynamic = dynamic;
        this.forBot = forBot;
    }

    /**
     * Loads the config.
     *
     * @param file the properties file, or {@code null} to read the environment alone
     * @param env the environment (normally {@code System.getenv()}); its non-blank values win
     */
    public static ChorusConfig load(Path file, Map<String, String> env) {
        return load(file, env, true);
    }

    /**
     * Loads the config for the command line ({@code route}, {@code ask}), which never talks to
     * Telegram: everything is read and validated as for the bot except that {@code telegram.token}
     * may be missing, in which case {@code telegram().token()} is empty. Never start the bot with it.
     */
    public static ChorusConfig loadOffline(Path file, Map<String, String> env) {
        return load(file, env, false);
    }

    private static ChorusConfig load(Path file, Map<String, String> env, boolean forBot) {
        Properties properties = file == null ? new Properties() : read(file);
        DynamicKeys dynamic = DynamicKeys.read(properties, env, file);
        rejectUnknownKeys(properties, file, dynamic);
        Map<ConfigKey, String> raw = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            String fromEnv = env.get(key.env());
            String fromFile = properties.getProperty(key.property());
            String value = notBlank(fromEnv) ? fromEnv.strip() : notBlank(fromFile) ? fromFile.strip() : key.defaultValue();
            if (value != null) {
                raw.put(key, value);
            }
        }
        return new ConfigLoader(raw, dynamic, forBot).build();
    }

    private ChorusConfig build() {
        TelegramSettings telegram = new TelegramSettings(
                Secret.of(forBot ? required(ConfigKey.TELEGRAM_TOKEN) : optional(ConfigKey.TELEGRAM_TOKEN).orElse("")),
                url(ConfigKey.TELEGRAM_BASE_URL),
                Duration.ofSeconds(integer(ConfigKey.TELEGRAM_POLL_TIMEOUT, 1, 100)), webhook());
        Map<String, ProviderEndpoint> providers = new HashMap<>();
        PROVIDER_KEYS.forEach((name, keys) -> {
            // A provider without a base URL (Ollama by default) is simply not there.
            if (optional(keys[0]).isPresent()) {
                providers.put(name, new ProviderEndpoint(name, url(keys[0]),
                        keys[1] == null ? Optional.empty() : optional(keys[1]).map(Secret::of)));
            }
        });
        for (ProviderEndpoint custom : dynamic.providers()) {
            if (providers.putIfAbsent(custom.provider(), custom) != null) {
                throw new ConfigException("Config error: providers." + custom.provider()
                        + " clashes with a built-in provider; configure that one with its own keys");
            }
        }
        return new ChorusConfig(
                telegram,
                admins(),
                Path.of(required(ConfigKey.DB_PATH)),
                integer(ConfigKey.HEALTH_PORT, 0, 65535),
                required(ConfigKey.DEFAULT_MODEL),
                optional(ConfigKey.ANALYZER_MODEL).orElse(""),
                integer(ConfigKey.ANSWER_MAX_TOKENS, 1, 200_000),
                resilience(),
                required(ConfigKey.SYSTEM_PROMPT),
                providers,
                new CatalogSettings(optional(ConfigKey.CATALOG_FILE).map(Path::of), dynamic.models(),
                        list(ConfigKey.MODEL_FALLBACKS), bool(ConfigKey.CATALOG_BUILTIN)),
                budget(),
                new ChatLimits(Duration.ofSeconds(integer(ConfigKey.ANSWER_DEADLINE, 5, 900)),
                        Duration.ofMinutes(integer(ConfigKey.OUTBOX_EXPIRY, 1, 10_080)),
                        integer(ConfigKey.USER_QUESTIONS_PER_MINUTE, 1, 600),
                        integer(ConfigKey.GROUP_QUESTIONS_PER_MINUTE, 1, 600), escalationStrategy(),
                        dollars(ConfigKey.MULTI_MAX_COST), dollars(ConfigKey.MULTI_CONFIRM_ABOVE), pipeline(),
                        Duration.ofSeconds(integer(ConfigKey.MULTI_GRACE, 1, 120))),
                cache(providers.keySet()), redis(), databaseServer());
    }

    private Optional<DatabaseServer> databaseServer() {
        Optional<String> url = optional(ConfigKey.DB_URL).map(String::strip).filter(u -> !u.isEmpty());
        if (url.isPresent() && !url.get().matches("jdbc:postgresql://[^\\s]+")) {
            throw new ConfigException("Config error: " + ConfigKey.DB_URL.label()
                    + " must be a PostgreSQL JDBC URL such as jdbc:postgresql://db:5432/chorus");
        }
        int poolSize = integer(ConfigKey.DB_POOL_SIZE, 1, 200);
        if (url.isEmpty()) {
            for (ConfigKey serverOnly : java.util.List.of(ConfigKey.DB_USER, ConfigKey.DB_PASSWORD)) {
                if (optional(serverOnly).filter(v -> !v.isBlank()).isPresent()) {
                    throw new ConfigException("Config error: " + serverOnly.label() + " is set but "
                            + ConfigKey.DB_URL.label() + " is empty; set it to use PostgreSQL, or remove the key");
                }
            }
        }
        return url.map(u -> new DatabaseServer(Secret.of(u),
                optional(ConfigKey.DB_USER).map(String::strip).filter(s -> !s.isEmpty()),
                optional(ConfigKey.DB_PASSWORD).filter(s -> !s.isEmpty()).map(Secret::of), poolSize));
    }

    private Optional<Secret> redis() {
        Optional<String> url = optional(ConfigKey.REDIS_URL).map(String::strip).filter(u -> !u.isEmpty());
        if (url.isPresent() && !url.get().matches("rediss?://[^\\s]+")) {
            throw new ConfigException("Config error: " + ConfigKey.REDIS_URL.label()
                    + " must be a redis:// or rediss:// URL such as redis://localhost:6379");
        }
        return url.map(Secret::of);
    }

    /** The webhook's keys are checked in either mode: a bad value is a mistake even before it is used. */
    private Optional<TelegramSettings.Webhook> webhook() {
        String mode = required(ConfigKey.TELEGRAM_MODE).strip().toLowerCase(java.util.Locale.ROOT);
        if (!mode.equals("polling") && !mode.equals("webhook")) {
            throw new ConfigException("Config error: " + ConfigKey.TELEGRAM_MODE.label() + " must be polling or webhook");
        }
        int port = integer(ConfigKey.TELEGRAM_WEBHOOK_PORT, 1, 65535);
        String path = required(ConfigKey.TELEGRAM_WEBHOOK_PATH).strip();
        if (!path.matches("/[A-Za-z0-9/_.-]*")) {
            throw new ConfigException("Config error: " + ConfigKey.TELEGRAM_WEBHOOK_PATH.label()
                    + " must be a path such as /telegram");
        }
        String secret = optional(ConfigKey.TELEGRAM_WEBHOOK_SECRET).orElse("").strip();
        if (!secret.isEmpty() && !secret.matches("[A-Za-z0-9_-]{16,256}")) {
            // Telegram allows 1..256 of these; fewer than 16 is guessable
            throw new ConfigException("Config error: " + ConfigKey.TELEGRAM_WEBHOOK_SECRET.label()
                    + " must be 16 to 256 of A-Z a-z 0-9 _ -");
        }
        Optional<URI> publicUrl = optional(ConfigKey.TELEGRAM_WEBHOOK_URL).map(String::strip).filter(u -> !u.isEmpty())
                .map(u -> {
                    URI uri;
                    try {
                        uri = URI.create(u);
                    } catch (IllegalArgumentException e) {
                        uri = null;
                    }
                    if (uri == null || !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                        throw new ConfigException("Config error: " + ConfigKey.TELEGRAM_WEBHOOK_URL.label()
                                + " must be an https URL such as https://bot.example.com/telegram (Telegram posts only to https)");
                    }
                    return uri;
                });
        if (mode.equals("polling")) {
            return Optional.empty();
        }
        if (secret.isEmpty()) {
            throw new ConfigException("Config error: " + ConfigKey.TELEGRAM_WEBHOOK_SECRET.label()
                    + " is required in webhook mode");
        }
        return Optional.of(new TelegramSettings.Webhook(port, path, Secret.of(secret), publicUrl));
    }

    private CacheSettings cache(java.util.Set<String> providers) {
        String embeddings = required(ConfigKey.CACHE_EMBEDDINGS).strip();
        Optional<CacheSettings.ProviderModel> remote = Optional.empty();
        if (!embeddings.equals("local") && !embeddings.equals("off")) {
            int colon = embeddings.indexOf(':');
            String provider = colon < 0 ? "" : embeddings.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
            String model = colon < 0 ? "" : embeddings.substring(colon + 1).strip();
            if (provider.isEmpty() || model.isEmpty()) {
                throw new ConfigException("Config error: " + ConfigKey.CACHE_EMBEDDINGS.label()
                        + " must be local, off or provider:model such as openai:text-embedding-3-small");
            }
            if (!providers.contains(provider)) {
                throw new ConfigException("Config error: " + ConfigKey.CACHE_EMBEDDINGS.label()
                        + " names a provider that is not configured");
            }
            remote = Optional.of(new CacheSettings.ProviderModel(provider, model));
        }
        double similarity;
        try {
            similarity = Double.parseDouble(required(ConfigKey.CACHE_SIMILARITY).strip());
        } catch (NumberFormatException e) {
            similarity = Double.NaN;
        }
        if (!(similarity >= 0.5 && similarity <= 1.0)) {
            throw new ConfigException("Config error: " + ConfigKey.CACHE_SIMILARITY.label()
                    + " must be a number from 0.5 to 1, such as 0.84");
        }
        return new CacheSettings(!embeddings.equals("off"), remote, similarity);
    }

    private java.util.List<ChatLimits.Step> pipeline() {
        java.util.List<ChatLimits.Step> steps = new java.util.ArrayList<>();
        for (String part : list(ConfigKey.MULTI_PIPELINE)) {
            int colon = part.indexOf(':');
            String name = colon < 0 ? "" : part.substring(0, colon).strip();
            String model = colon < 0 ? "" : part.substring(colon + 1).strip();
            if (!name.matches("[A-Za-z][A-Za-z0-9_-]{0,30}") || model.isEmpty()) {
                throw new ConfigException("Config error: " + ConfigKey.MULTI_PIPELINE.label() + " must list "
                        + "step:model pairs such as draft:gpt-4o-mini; the " + Ordinals.of(steps.size() + 1)
                        + " entry is not one");
            }
            steps.add(new ChatLimits.Step(name, model));
        }
        if (steps.size() == 1 || steps.size() > 6) {
            throw new ConfigException("Config error: " + ConfigKey.MULTI_PIPELINE.label()
                    + " must have 2 to 6 steps, or be empty");
        }
        return steps;
    }

    private long dollars(ConfigKey key) {
        try {
            return Amounts.dollars(required(key));
        } catch (Amounts.Refused e) {
            throw new ConfigException("Config error: " + key.label() + " must be an amount in dollars such as 0.25; "
                    + e.reason());
        }
    }

    private String escalationStrategy() {
        String value = required(ConfigKey.ESCALATION_STRATEGY).toLowerCase(java.util.Locale.ROOT);
        if (!java.util.Set.of("model", "verify", "parallel").contains(value)) {
            throw new ConfigException("Config error: " + ConfigKey.ESCALATION_STRATEGY.label()
                    + " must be model, verify or parallel");
        }
        return value;
    }

    private BudgetSettings budget() {
        String unknown = required(ConfigKey.BUDGET_UNKNOWN_USERS).toLowerCase(java.util.Locale.ROOT);
        if (!unknown.equals("allow") && !unknown.equals("refuse")) {
            throw new ConfigException("Config error: " + ConfigKey.BUDGET_UNKNOWN_USERS.label()
                    + " must be allow or refuse");
        }
        java.time.ZoneId zone;
        try {
            zone = java.time.ZoneId.of(required(ConfigKey.BUDGET_TIMEZONE));
        } catch (java.time.DateTimeException e) {
            throw new ConfigException("Config error: " + ConfigKey.BUDGET_TIMEZONE.label()
                    + " is not a time zone; use an id such as UTC or Europe/Berlin");
        }
        return new BudgetSettings(limit(ConfigKey.BUDGET_USER).orElseThrow(() -> missing(ConfigKey.BUDGET_USER)),
                limit(ConfigKey.BUDGET_GROUP).orElseThrow(() -> missing(ConfigKey.BUDGET_GROUP)),
                limit(ConfigKey.BUDGET_MEMBER_CAP), limit(ConfigKey.BUDGET_GLOBAL), unknown.equals("refuse"), zone);
    }

    private Optional<Amounts.Limit> limit(ConfigKey key) {
        return optional(key).map(text -> {
            try {
                return Amounts.limit(text);
            } catch (Amounts.Refused e) {
                throw new ConfigException("Config error: " + key.label() + " must be an amount per period such as "
                        + "5/day; " + e.reason());
            }
        });
    }

    private static ConfigException missing(ConfigKey key) {
        return new ConfigException("Config error: " + key.label() + " is required. " + key.description());
    }

    private ResilienceSettings resilience() {
        return new ResilienceSettings(
                Duration.ofSeconds(integer(ConfigKey.PROVIDER_FIRST_TOKEN_TIMEOUT, 1, 600)),
                Duration.ofSeconds(integer(ConfigKey.PROVIDER_TIMEOUT, 1, 600)),
                integer(ConfigKey.PROVIDER_MAX_RETRIES, 0, 5),
                integer(ConfigKey.PROVIDER_MAX_CONCURRENT, 1, 256),
                Duration.ofSeconds(integer(ConfigKey.PROVIDER_BREAKER_OPEN, 1, 3600)));
    }

    private java.util.List<String> list(ConfigKey key) {
        return java.util.Arrays.stream(raw.getOrDefault(key, "").split(","))
                .map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    private String required(ConfigKey key) {
        String value = raw.get(key);
        if (!notBlank(value)) {
            throw new ConfigException("Config error: " + key.label() + " is required. " + key.description());
        }
        return value;
    }

    private Optional<String> optional(ConfigKey key) {
        return Optional.ofNullable(raw.get(key)).filter(ConfigLoader::notBlank);
    }

    private int integer(ConfigKey key, int min, int max) {
        String value = required(key);
        if (!value.matches("[+-]?\\d+")) {
            throw new ConfigException("Config error: " + key.label() + " is not a whole number; it must be from "
                    + min + " to " + max);
        }
        // Too many digits for an int is out of range too, not "not a number".
        long n = value.length() > 12 ? Long.MAX_VALUE : Long.parseLong(value);
        if (n < min || n > max) {
            throw new ConfigException("Config error: " + key.label() + " is out of range; it must be a whole number "
                    + "from " + min + " to " + max);
        }
        return (int) n;
    }

    private boolean bool(ConfigKey key) {
        String value = required(key).toLowerCase(java.util.Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new ConfigException("Config error: " + key.label() + " must be true or false");
        }
        return value.equals("true");
    }

    private URI url(ConfigKey key) {
        return BaseUrls.parse(key.label(), required(key));
    }

    private Set<Long> admins() {
        Set<Long> ids = new LinkedHashSet<>();
        String[] parts = raw.getOrDefault(ConfigKey.ADMINS, "").split(",");
        for (int i = 0; i < parts.length; i++) {
            String id = parts[i].strip();
            if (id.isEmpty()) {
                continue;
            }
            try {
                ids.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                throw new ConfigException("Config error: " + ConfigKey.ADMINS.label() + " must be comma-separated "
                        + "Telegram user ids (whole numbers); the " + Ordinals.of(i + 1) + " entry is not one");
            }
        }
        return ids;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("Config error: cannot read " + file + ": " + e.getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Config error: " + file + " is not a valid properties file: " + e.getMessage());
        }
        return properties;
    }

    private static void rejectUnknownKeys(Properties properties, Path file, DynamicKeys dynamic) {
        Set<String> known = new TreeSet<>();
        for (ConfigKey key : ConfigKey.values()) {
            known.add(key.property());
        }
        for (String name : new TreeSet<>(properties.stringPropertyNames())) {
            if (!known.contains(name) && !DynamicKeys.isDynamic(name)) {
                throw new ConfigException("Config error: unknown key '" + name + "' in " + file
                        + " (see bot-config.example.properties for the keys)");
            }
        }
    }
}
