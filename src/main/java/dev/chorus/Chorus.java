package dev.chorus;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.budget.BudgetAlerts;
import dev.chorus.budget.BudgetService;
import dev.chorus.budget.Spender;
import dev.chorus.command.ChatCommands;
import dev.chorus.command.Deliveries;
import dev.chorus.command.Services;
import dev.chorus.config.ChorusConfig;
import dev.chorus.config.ConfigException;
import dev.chorus.config.ConfigKey;
import dev.chorus.config.Ordinals;
import dev.chorus.orchestration.AdminAlerts;
import dev.chorus.orchestration.AnalysisModel;
import dev.chorus.orchestration.AskService;
import dev.chorus.orchestration.Asker;
import dev.chorus.orchestration.analysis.ModelAnalyzer;
import dev.chorus.orchestration.analysis.TaskAnalyzer;
import dev.chorus.provider.resilience.FallbackChain;
import dev.chorus.provider.resilience.SpendGate;
import java.util.function.Function;
import dev.chorus.orchestration.ChatSessions;
import dev.chorus.orchestration.analysis.DeterministicAnalyzer;
import dev.chorus.orchestration.delegation.DelegationEngine;
import dev.chorus.orchestration.delegation.Preferences;
import dev.chorus.orchestration.delegation.QualityModel;
import dev.chorus.orchestration.AskSettings;
import dev.chorus.provider.fleet.ProviderFleet;
import dev.chorus.provider.resilience.Sleeper;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.store.BudgetLedger;
import dev.chorus.store.Conversations;
import dev.chorus.store.Database;
import dev.chorus.store.CallLog;
import dev.chorus.store.JdbiCallLog;
import dev.chorus.store.JdbiDirectory;
import dev.chorus.store.JdbiQuestionJournal;
import dev.chorus.store.Outbox;
import dev.chorus.telegram.TelegramBot;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole bot wired together: store, catalog, providers, orchestration, commands and the
 * Telegram adapter. {@link Main} starts one; the end-to-end tests start one the same way.
 */
public final class Chorus implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Chorus.class);

    private final TelegramBot telegram;
    private final Database database;
    private final HealthServer health;
    private final ModelCatalog catalog;
    private final ProviderFleet providers;

    private Chorus(TelegramBot telegram, Database database, HealthServer health, ModelCatalog catalog,
                   ProviderFleet providers) {
        this.telegram = telegram;
        this.database = database;
        this.health = health;
        this.catalog = catalog;
        this.providers = providers;
    }

    /** The model catalog this bot uses (built-in plus config). */
    public ModelCatalog catalog() {
        return catalog;
    }

    public static Chorus start(ChorusConfig config) {
        return start(config, Clock.systemUTC());
    }

    /**
     * The default model (pinned for every chat) or {@code null} for routing, checked so that a missing
     * key fails at start naming the key.
     */
    public static ModelSpec pinnedModel(ChorusConfig config, ModelCatalog catalog, ProviderFleet providers) {
        if (config.defaultModel().equalsIgnoreCase("auto")) {
            if (providers.usableModels().isEmpty()) {
                throw new ConfigException("Config error: no model can be used: set the API key of at least one "
                        + "provider, such as openai.api-key (env OPENAI_API_KEY) or anthropic.api-key (env "
                        + "ANTHROPIC_API_KEY), or ollama.base-url for a local Ollama");
            }
            return null;
        }
        // The catalog's ids may be listed; the value may not: it could be a token pasted into the wrong line.
        ModelSpec model = catalog.find(config.defaultModel()).orElseThrow(() -> new ConfigException(
                "Config error: " + ConfigKey.DEFAULT_MODEL.label() + " is neither auto nor a model in the catalog; "
                        + "known: auto, " + String.join(", ", catalog.all().stream().map(ModelSpec::id).toList())));
        String problem = providers.problemWith(model);
        if (problem != null) {
            throw new ConfigException("Config error: " + ConfigKey.DEFAULT_MODEL.label() + ": " + problem);
        }
        return model;
    }

    /**
     * Checks {@code model.fallbacks}: an entry that is not in the catalog, or whose provider cannot be
     * called, would be skipped at run time, leaving fewer stand-ins than the admin listed. Names the
     * entry by position only; the value could be a token pasted into the wrong line.
     */
    public static void checkFallbacks(ChorusConfig config, ModelCatalog catalog, ProviderFleet providers) {
        java.util.List<String> ids = config.catalog().fallbacks();
        for (int i = 0; i < ids.size(); i++) {
            String entry = " (the " + Ordinals.of(i + 1) + " entry)";
            ModelSpec model = catalog.find(ids.get(i)).orElseThrow(() -> new ConfigException("Config error: "
                    + ConfigKey.MODEL_FALLBACKS.label() + " lists a model that is not in the catalog" + entry));
            if (!providers.usable(model)) {
                throw new ConfigException("Config error: " + ConfigKey.MODEL_FALLBACKS.label() + " lists a model "
                        + "whose provider is not configured" + entry + "; set that provider's API key or base URL, "
                        + "or remove the entry");
            }
        }
    }

    static Chorus start(ChorusConfig config, Clock clock) {
        ModelCatalog catalog = ModelCatalog.load(config.catalog());
        ProviderFleet providers = new ProviderFleet(config, catalog, new ObjectMapper(), clock, Sleeper.REAL);
        ModelSpec model = pinnedModel(config, catalog, providers);
        checkFallbacks(config, catalog, providers);

        Database database = Database.open(config.dbPath());
        log.info("database {} at schema version {}", config.dbPath().toAbsolutePath(), database.schemaVersion());

        AdminAlerts alerts = new AdminAlerts(clock, Duration.ofHours(1));
        JdbiDirectory directory = new JdbiDirectory(database, clock);
        BudgetLedger ledger = new BudgetLedger(database);
        BudgetService budgets = new BudgetService(ledger, config.budget(), config.admins(), clock,
                new BudgetAlerts(ledger, directory, clock, alerts::send));
        int reconciled = budgets.reconcile();
        if (reconciled > 0) {
            log.warn("closed {} budget reservations left open by the last run", reconciled);
        }
        Conversations conversations = new Conversations(database, clock);
        ChatSessions sessions = new ChatSessions(conversations, defaultPreferences(config, model));
        FallbackChain chain = providers.chain(alerts::providerKeyRefused);
        JdbiCallLog callLog = new JdbiCallLog(database);
        Function<Asker, TaskAnalyzer> analyzers = analyzers(config, catalog, providers, chain, callLog,
                asker -> budgets.gate(spender(asker), "analysis"), clock);
        AskService asks = new AskService(analyzers, new DelegationEngine(QualityModel.CATALOG, config.answerMaxTokens()),
                providers::usableModels, providers::configuredFallbacks, chain,
                asker -> budgets.gate(spender(asker), "answer"), asker -> budgets.headroom(spender(asker)),
                callLog, new AskSettings(config.answerMaxTokens(), config.systemPrompt(), config.limits().answerDeadline()),
                clock);
        Outbox outbox = new Outbox(database, clock);
        JdbiQuestionJournal journal = new JdbiQuestionJournal(database, clock);
        log.info("models: {}; {}", String.join(", ", providers.usableModels().stream().map(ModelSpec::id).toList()),
                model == null ? "each question routed to the cheapest good-enough model"
                        : "every question pinned to " + model.id() + " (model.default)");

        TelegramBot telegram;
        try {
            telegram = TelegramBot.start(config.telegram(), config.admins(), outbox, config.limits().outboxExpiry(), clock,
                    (username, chatAdmins) -> new ChatCommands(username, new Services(asks, directory, config.admins(),
                            providers::health, budgets, chatAdmins, sessions, providers::usableModels, journal,
                            config.limits(), () -> new Deliveries(outbox.pending(), outbox.expired()), clock)));
        } catch (RuntimeException e) {
            providers.close();
            database.close();
            throw e;
        }
        alerts.connect(text -> telegram.sendPrivately(config.admins(), text));
        HealthServer health = config.healthPort() == 0 ? null : startHealth(config.healthPort(), telegram, database);
        return new Chorus(telegram, database, health, catalog, providers);
    }

    private static HealthServer startHealth(int port, TelegramBot telegram, Database database) {
        try {
            HealthServer server = HealthServer.start(port, () -> !telegram.isPolling() ? "not polling Telegram"
                    : !database.isReachable() ? "database not reachable" : null);
            log.info("health check on port {}", server.port());
            return server;
        } catch (IOException e) {
            telegram.close();
            database.close();
            throw new ConfigException("Config error: " + ConfigKey.HEALTH_PORT.label() + ": cannot listen on port "
                    + port + " (" + e.getMessage() + ")");
        }
    }

    /**
     * The built-in analyzer, or, with {@code analyzer.model}, that model profiling each question
     * within the asker's budget, with the built-in analyzer as its fallback.
     */
    public static Function<Asker, TaskAnalyzer> analyzers(ChorusConfig config, ModelCatalog catalog,
                                                          ProviderFleet providers, FallbackChain chain, CallLog calls,
                                                          Function<Asker, SpendGate> gates, Clock clock) {
        DeterministicAnalyzer deterministic = new DeterministicAnalyzer();
        if (config.analyzerModel().isBlank()) {
            return asker -> deterministic;
        }
        ModelSpec model = catalog.find(config.analyzerModel()).orElseThrow(() -> new ConfigException("Config error: "
                + ConfigKey.ANALYZER_MODEL.label() + " is not a model in the catalog; use a catalog id, or leave it "
                + "empty for the built-in analyzer"));
        String problem = providers.problemWith(model);
        if (problem != null) {
            throw new ConfigException("Config error: " + ConfigKey.ANALYZER_MODEL.label() + ": " + problem);
        }
        var cache = ModelAnalyzer.defaultCache();
        return asker -> new ModelAnalyzer(new AnalysisModel(model, chain, gates.apply(asker), calls,
                asker, Duration.ofSeconds(4), clock), deterministic, cache);
    }

    private static Spender spender(dev.chorus.orchestration.Asker asker) {
        return asker.inGroup() ? Spender.inGroup(asker.userId(), asker.chatId()) : Spender.privately(asker.userId());
    }

    private static Preferences defaultPreferences(ChorusConfig config, ModelSpec pinned) {
        return pinned == null ? Preferences.DEFAULT
                : new Preferences(Preferences.DEFAULT.mode(), java.util.Optional.of(pinned.id()), true);
    }

    /** The bot's Telegram username, as learned from {@code getMe}. */
    public String botUsername() {
        return telegram.username();
    }

    public Database database() {
        return database;
    }

    /** Stops polling, lets the chats' work and the outbox's sends in progress end, then closes providers and the database. */
    @Override
    public void close() {
        if (health != null) {
            health.close();
        }
        telegram.close();
        providers.close();
        database.close();
    }
}
