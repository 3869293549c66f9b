package dev.chorus.config;

/**
 * Every configuration key Chorus reads: its name in {@code bot-config.properties}, the environment
 * variable that overrides it, its default ({@code null}: no default) and whether it is a secret.
 * The example properties file and the README's config reference list exactly these keys, which a
 * test checks.
 */
public enum ConfigKey {
    TELEGRAM_TOKEN("telegram.token", "TELEGRAM_BOT_TOKEN", null, true,
            "Bot token from @BotFather. Required."),
    TELEGRAM_BASE_URL("telegram.base-url", "CHORUS_TELEGRAM_BASE_URL", "https://api.telegram.org", false,
            "Bot API server; point it at a local Bot API server or the test emulator."),
    TELEGRAM_POLL_TIMEOUT("telegram.poll-timeout-seconds", "CHORUS_TELEGRAM_POLL_TIMEOUT_SECONDS", "50", false,
            "Long-polling timeout for getUpdates, 1..100 seconds."),
    TELEGRAM_MODE("telegram.mode", "CHORUS_TELEGRAM_MODE", "polling", false,
            "polling: the bot asks Telegram for updates (one process per token); webhook: Telegram posts them to telegram.webhook-port, for replicas behind a balancer."),
    TELEGRAM_WEBHOOK_PORT("telegram.webhook-port", "CHORUS_TELEGRAM_WEBHOOK_PORT", "8081", false,
            "Port the webhook server listens on (webhook mode), 1..65535."),
    TELEGRAM_WEBHOOK_PATH("telegram.webhook-path", "CHORUS_TELEGRAM_WEBHOOK_PATH", "/telegram", false,
            "Path Telegram posts updates to (webhook mode)."),
    TELEGRAM_WEBHOOK_SECRET("telegram.webhook-secret", "CHORUS_TELEGRAM_WEBHOOK_SECRET", "", true,
            "Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token with every update, 16..256 of A-Z a-z 0-9 _ -; required in webhook mode."),
    TELEGRAM_WEBHOOK_URL("telegram.webhook-url", "CHORUS_TELEGRAM_WEBHOOK_URL", "", false,
            "Public https URL of the webhook, registered with setWebhook at start; empty: registered by hand (or by another replica)."),
    REDIS_URL("redis.url", "CHORUS_REDIS_URL", "", true,
            "Redis for what replicas share (question limits), such as redis://localhost:6379; empty: kept in this process."),
    ADMINS("admins", "CHORUS_ADMINS", "", false,
            "Comma-separated Telegram user ids of the bot's admins."),
    DB_PATH("db.path", "CHORUS_DB_PATH", "./data/chorus.db", false,
            "SQLite database file; its folder is created at start. Not used when db.url is set."),
    DB_URL("db.url", "CHORUS_DB_URL", "", true,
            "PostgreSQL for N replicas, such as jdbc:postgresql://db:5432/chorus; empty: the SQLite file at db.path."),
    DB_USER("db.user", "CHORUS_DB_USER", "", false,
            "The PostgreSQL user, with db.url."),
    DB_PASSWORD("db.password", "CHORUS_DB_PASSWORD", "", true,
            "The PostgreSQL user's password, with db.url."),
    DB_POOL_SIZE("db.pool-size", "CHORUS_DB_POOL_SIZE", "16", false,
            "Connections each replica keeps to PostgreSQL, with db.url."),
    BUDGET_USER("budget.user", "CHORUS_BUDGET_USER", "1.00/day", false,
            "Default budget of each user in private chats, as amount/period (day, week or month)."),
    BUDGET_GROUP("budget.group", "CHORUS_BUDGET_GROUP", "5.00/day", false,
            "Default shared budget of each group chat."),
    BUDGET_MEMBER_CAP("budget.member-cap", "CHORUS_BUDGET_MEMBER_CAP", "", false,
            "Optional cap for each member inside a group's budget, such as 1/day; empty: none."),
    BUDGET_GLOBAL("budget.global", "CHORUS_BUDGET_GLOBAL", "20.00/day", false,
            "The whole bot's budget; admins are alerted at 50, 80 and 100 %. Empty: none."),
    BUDGET_UNKNOWN_USERS("budget.unknown-users", "CHORUS_BUDGET_UNKNOWN_USERS", "allow", false,
            "allow: new users get the default budget; refuse: only admins and users given a budget may ask."),
    BUDGET_TIMEZONE("budget.timezone", "CHORUS_BUDGET_TIMEZONE", "UTC", false,
            "Time zone in which budget days, weeks and months begin, such as Europe/Berlin."),
    HEALTH_PORT("health.port", "CHORUS_HEALTH_PORT", "0", false,
            "Port for GET /health (the verdict, then each component) and GET /metrics (Prometheus); 0 turns it off."),
    DEFAULT_MODEL("model.default", "CHORUS_DEFAULT_MODEL", "auto", false,
            "auto: each question goes to the cheapest good-enough model; a catalog id pins that model for every chat."),
    ANSWER_MAX_TOKENS("answer.max-tokens", "CHORUS_ANSWER_MAX_TOKENS", "1024", false,
            "Upper bound on the length of one answer, in tokens (1..200000)."),
    ANALYZER_MODEL("analyzer.model", "CHORUS_ANALYZER_MODEL", "", false,
            "A cheap model that profiles each question (JSON, checked strictly); empty: the built-in analyzer only."),
    MODEL_FALLBACKS("model.fallbacks", "CHORUS_MODEL_FALLBACKS", "", false,
            "Comma-separated model ids tried, in order, when the chosen model fails; empty: every usable model, strongest first."),
    CATALOG_FILE("catalog.file", "CHORUS_CATALOG_FILE", "", false,
            "A JSON file in the format of the built-in catalog whose models replace (same id) or extend it."),
    CATALOG_BUILTIN("catalog.builtin", "CHORUS_CATALOG_BUILTIN", "true", false,
            "true: start from the built-in model catalog; false: only the models of catalog.file and models.<id>.* keys."),
    PROVIDER_TIMEOUT("provider.timeout-seconds", "CHORUS_PROVIDER_TIMEOUT_SECONDS", "90", false,
            "Longest wait for one model call, 1..600 seconds."),
    PROVIDER_FIRST_TOKEN_TIMEOUT("provider.first-token-timeout-seconds", "CHORUS_PROVIDER_FIRST_TOKEN_TIMEOUT_SECONDS",
            "25", false, "Longest wait for a model's first token before trying the next model, 1..600 seconds."),
    PROVIDER_MAX_RETRIES("provider.max-retries", "CHORUS_PROVIDER_MAX_RETRIES", "2", false,
            "Retries of a failed call (rate limit, 5xx, network) before the next model, 0..5; never after the first token."),
    PROVIDER_MAX_CONCURRENT("provider.max-concurrent-calls", "CHORUS_PROVIDER_MAX_CONCURRENT_CALLS", "32", false,
            "Calls in flight to one provider at once (a bulkhead), 1..256."),
    PROVIDER_BREAKER_OPEN("provider.breaker-open-seconds", "CHORUS_PROVIDER_BREAKER_OPEN_SECONDS", "30", false,
            "How long a failing provider is skipped before it is tried again, 1..3600 seconds."),
    MULTI_GRACE("multi.grace-seconds", "CHORUS_MULTI_GRACE_SECONDS", "10", false,
            "How long the other models of a /multi run may take once one answer is complete, 1..120 seconds; then they are cancelled."),
    MULTI_PIPELINE("multi.pipeline", "CHORUS_MULTI_PIPELINE", "", false,
            "The steps of /multi pipeline as step:model pairs, such as draft:gpt-4o-mini,critique:claude-3-5-haiku,final:gpt-4.1; empty: none."),
    MULTI_MAX_COST("multi.max-cost", "CHORUS_MULTI_MAX_COST", "0.25", false,
            "The most one /multi run may cost in its worst case, in dollars; dearer members are left out to fit."),
    MULTI_CONFIRM_ABOVE("multi.confirm-above", "CHORUS_MULTI_CONFIRM_ABOVE", "0.05", false,
            "A /multi run whose worst case costs more than this, in dollars, is confirmed by the asker first (Run / Cancel)."),
    ESCALATION_STRATEGY("escalation.strategy", "CHORUS_ESCALATION_STRATEGY", "verify", false,
            "Where a hard question escalates: model (one stronger model), verify (answer checked by a second model) or parallel (several models merged)."),
    CACHE_EMBEDDINGS("cache.embeddings", "CHORUS_CACHE_EMBEDDINGS", "local", false,
            "How the answer cache matches reworded questions: local (an in-process English sentence model), provider:model (that provider's embeddings endpoint, such as openai:text-embedding-3-small, for any language) or off (word for word only)."),
    CACHE_SIMILARITY("cache.similarity", "CHORUS_CACHE_SIMILARITY", "0.84", false,
            "The least cosine similarity, 0.5..1, at which a kept question counts as the same one; higher serves fewer, safer hits."),
    ANSWER_DEADLINE("answer.deadline-seconds", "CHORUS_ANSWER_DEADLINE_SECONDS", "60", false,
            "Longest wait for one answer in all, retries and fallbacks included, 5..900 seconds; then the user is told."),
    OUTBOX_EXPIRY("telegram.outbox-expiry-minutes", "CHORUS_TELEGRAM_OUTBOX_EXPIRY_MINUTES", "1440", false,
            "How long a message Telegram did not take is retried before it is given up, 1..10080 minutes."),
    USER_QUESTIONS_PER_MINUTE("limits.user-questions-per-minute", "CHORUS_LIMITS_USER_QUESTIONS_PER_MINUTE", "6", false,
            "Questions one person may ask per minute (bursts of up to 3), 1..600."),
    GROUP_QUESTIONS_PER_MINUTE("limits.group-questions-per-minute", "CHORUS_LIMITS_GROUP_QUESTIONS_PER_MINUTE", "20",
            false, "Questions one group may ask per minute (bursts of up to 5), 1..600."),
    SYSTEM_PROMPT("answer.system-prompt", "CHORUS_SYSTEM_PROMPT",
            "You are Chorus, a helpful assistant in a Telegram chat. Answer clearly and concisely; "
                    + "use Markdown code blocks for code.", false,
            "System prompt sent with every question."),
    OPENAI_API_KEY("openai.api-key", "OPENAI_API_KEY", null, true, "OpenAI API key."),
    OPENAI_BASE_URL("openai.base-url", "OPENAI_BASE_URL", "https://api.openai.com/v1", false,
            "OpenAI-compatible endpoint (any compatible server works)."),
    ANTHROPIC_API_KEY("anthropic.api-key", "ANTHROPIC_API_KEY", null, true, "Anthropic API key."),
    ANTHROPIC_BASE_URL("anthropic.base-url", "ANTHROPIC_BASE_URL", "https://api.anthropic.com/v1", false,
            "Anthropic Messages endpoint."),
    MISTRAL_API_KEY("mistral.api-key", "MISTRAL_API_KEY", null, true, "Mistral API key."),
    MISTRAL_BASE_URL("mistral.base-url", "MISTRAL_BASE_URL", "https://api.mistral.ai/v1", false,
            "Mistral endpoint."),
    XAI_API_KEY("xai.api-key", "XAI_API_KEY", null, true, "xAI API key."),
    XAI_BASE_URL("xai.base-url", "XAI_BASE_URL", "https://api.x.ai/v1", false, "xAI endpoint."),
    GEMINI_API_KEY("gemini.api-key", "GEMINI_API_KEY", null, true, "Google Gemini API key."),
    GEMINI_BASE_URL("gemini.base-url", "GEMINI_BASE_URL", "https://generativelanguage.googleapis.com/v1beta/openai", false,
            "Google's OpenAI-compatible endpoint for Gemini."),
    OPENROUTER_API_KEY("openrouter.api-key", "OPENROUTER_API_KEY", null, true, "OpenRouter API key."),
    OPENROUTER_BASE_URL("openrouter.base-url", "OPENROUTER_BASE_URL", "https://openrouter.ai/api/v1", false,
            "OpenRouter endpoint."),
    OLLAMA_BASE_URL("ollama.base-url", "OLLAMA_BASE_URL", "", false,
            "A local Ollama's OpenAI-compatible endpoint, usually http://localhost:11434/v1; empty: no Ollama.");

    private final String property;
    private final String env;
    private final String defaultValue;
    private final boolean secret;
    private final String description;

    ConfigKey(String property, String env, String defaultValue, boolean secret, String description) {
        this.property = property;
        this.env = env;
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.description = description;
    }

    public String property() {
        return property;
    }

    public String env() {
        return env;
    }

    /** The default, or {@code null} when the key has none. */
    public String defaultValue() {
        return defaultValue;
    }

    public boolean secret() {
        return secret;
    }

    public String description() {
        return description;
    }

    /** How error messages name the key: the property and the variable that overrides it. */
    public String label() {
        return property + " (env " + env + ")";
    }
}
