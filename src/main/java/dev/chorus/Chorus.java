package dev.chorus;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import dev.chorus.budget.BudgetAlerts;
import dev.chorus.budget.BudgetService;
import dev.chorus.budget.Spender;
import dev.chorus.chart.JFreeChartRenderer;
import dev.chorus.command.ChatCommands;
import dev.chorus.command.Deliveries;
import dev.chorus.command.Services;
import dev.chorus.config.ChorusConfig;
import dev.chorus.config.ConfigException;
import dev.chorus.config.ConfigKey;
import dev.chorus.config.CacheSettings;
import dev.chorus.config.ProviderEndpoint;
import dev.chorus.config.Secret;
import dev.chorus.provider.embedding.Embedder;
import dev.chorus.provider.embedding.LocalMiniLm;
import dev.chorus.provider.embedding.OpenAiEmbeddings;
import okhttp3.OkHttpClient;
import dev.chorus.i18n.Phrase;
import dev.chorus.orchestration.AdminAlerts;
import dev.chorus.orchestration.AskService;
import dev.chorus.orchestration.multi.MultiService;
import dev.chorus.orchestration.multi.PipelineStep;
import dev.chorus.orchestration.Asker;
import dev.chorus.orchestration.analysis.TaskAnalyzer;
import dev.chorus.provider.resilience.FallbackChain;
import java.util.List;
import java.util.function.Function;
import dev.chorus.orchestration.ChatSessions;
import dev.chorus.orchestration.delegation.DelegationEngine;
import dev.chorus.orchestration.delegation.Preferences;
import dev.chorus.json.ProbeSuiteJson;
import dev.chorus.orchestration.cache.CachedAnswers;
import dev.chorus.store.JdbiAlertRepeats;
import dev.chorus.store.JdbiAnswerCache;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.chorus.orchestration.learning.LearnedQuality;
import dev.chorus.orchestration.probe.MeasuredCapabilities;
import dev.chorus.orchestration.probe.ProbeService;
import dev.chorus.orchestration.probe.Prober;
import dev.chorus.store.JdbiProbes;
import dev.chorus.orchestration.learning.LearningRatings;
import dev.chorus.startup.Learning;
import dev.chorus.store.JdbiRatings;
import dev.chorus.orchestration.AskSettings;
import dev.chorus.provider.fleet.ProviderFleet;
import dev.chorus.provider.resilience.Sleeper;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.startup.Analyzers;
import dev.chorus.startup.StartChecks;
import dev.chorus.store.BudgetLedger;
import dev.chorus.store.Conversations;
import dev.chorus.store.Database;
import dev.chorus.store.Databases;
import dev.chorus.store.JdbiCallLog;
import dev.chorus.store.JdbiDirectory;
import dev.chorus.store.JdbiQuestionJournal;
import dev.chorus.store.JdbiTraceStore;
import dev.chorus.json.JsonPlanParser;
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
    private final LearnedQuality learned;
    private final dev.chorus.command.Allowances allowances;
    private final ReplicaDuties duties;
    private final dev.chorus.shared.ChatQueues chats;
    /** How long an idle chat stays with the replica that last handled it (its consents wait there). */
    static final Duration CHAT_AFFINITY = Duration.ofMinutes(15);
    /** How long a chat stays with a replica that stopped renewing it (renewed every tenth of it). */
    static final Duration CHAT_LEASE = Duration.ofSeconds(30);

    private Chorus(TelegramBot telegram, Database database, HealthServer health, ModelCatalog catalog,
                   ProviderFleet providers, LearnedQuality learned, dev.chorus.command.Allowances allowances,
                   ReplicaDuties duties, dev.chorus.shared.ChatQueues chats) {
        this.duties = duties;
        this.chats = chats;
        this.allowances = allowances;
        this.learned = learned;
        this.telegram = telegram;
        this.database = database;
        this.health = health;
        this.catalog = catalog;
        this.providers = providers;
    }

    /** The model catalog this bot uses (built-in plus config), as last loaded. */
    public ModelCatalog catalog() {
        return providers.catalog();
    }

    public static Chorus start(ChorusConfig config) {
        return start(config, Clock.systemUTC());
    }

    static Chorus start(ChorusConfig config, Clock clock) {
        ModelCatalog catalog = ModelCatalog.load(config.catalog());
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProviderFleet providers = new ProviderFleet(config, catalog, new ObjectMapper(), clock, Sleeper.REAL, metrics);
        ModelSpec model = StartChecks.pinnedModel(config, catalog, providers);
        StartChecks.checkFallbacks(config, catalog, providers);
        List<PipelineStep> pipeline = StartChecks.checkedPipeline(config, catalog, providers);

        Database database = Databases.open(config);
        log.info("database {} at schema version {}", Databases.describe(config), database.schemaVersion());

        AdminAlerts alerts = new AdminAlerts(clock, Duration.ofHours(1), new JdbiAlertRepeats(database));
        JdbiDirectory directory = new JdbiDirectory(database, clock);
        BudgetLedger ledger = new BudgetLedger(database);
        BudgetService budgets = new BudgetService(ledger, config.budget(), config.admins(), clock,
                new BudgetAlerts(ledger, directory, clock, alerts::send), metrics);
        int reconciled = budgets.reconcile();
        if (reconciled > 0) {
            log.warn("closed {} budget reservations left open by the last run", reconciled);
        }
        Conversations conversations = new Conversations(database, clock);
        ChatSessions sessions = new ChatSessions(conversations, defaultPreferences(config, model));
        FallbackChain chain = providers.chain(alerts::providerKeyRefused,
                (gone, detail) -> alerts.modelGone(gone.id(), gone.provider(), detail));
        JdbiCallLog callLog = new JdbiCallLog(database);
        Function<Asker, TaskAnalyzer> analyzers = Analyzers.of(config, catalog, providers, chain, callLog,
                asker -> budgets.gate(spender(asker), "analysis"), clock);
        JdbiProbes probeStore = new JdbiProbes(database, clock);
        MeasuredCapabilities capabilities = new MeasuredCapabilities(probeStore);
        LearnedQuality learned = Learning.open(database, catalog.all(), capabilities, clock);
        AskService asks = new AskService(analyzers, new DelegationEngine(learned, config.answerMaxTokens(), true),
                providers::usableModels, providers::configuredFallbacks, chain,
                asker -> budgets.gate(spender(asker), "answer"), asker -> budgets.headroom(spender(asker)),
                callLog, new AskSettings(config.answerMaxTokens(), config.systemPrompt(), config.limits().answerDeadline()),
                clock);
        Outbox outbox = new Outbox(database, clock);
        JdbiQuestionJournal journal = new JdbiQuestionJournal(database, clock);
        log.info("models: {}; {}", String.join(", ", providers.usableModels().stream().map(ModelSpec::id).toList()),
                model == null ? "each question routed to the cheapest good-enough model"
                        : "every question pinned to " + model.id() + " (model.default)");

        dev.chorus.command.Allowances allowances = config.redisUrl()
                .<dev.chorus.command.Allowances>map(url -> new dev.chorus.shared.RedisAllowances(url.reveal()))
                .orElseGet(dev.chorus.command.Allowances::local);
        // replicas behind a balancer: a chat's updates are handled by one replica at a time, in order
        dev.chorus.shared.ChatQueues chats = config.telegram().webhook().isPresent() && config.redisUrl().isPresent()
                ? new dev.chorus.shared.RedisChatQueues(config.redisUrl().get().reveal(), database.replicaId(),
                        CHAT_LEASE, CHAT_AFFINITY) : null;
        TelegramBot telegram;
        try {
            telegram = TelegramBot.start(config.telegram(), config.admins(), outbox, config.limits().outboxExpiry(), clock,
                    metrics, new dev.chorus.store.SeenUpdates(database, clock), chats,
                    (username, chatAdmins) -> new ChatCommands(username, new Services(asks, directory, config.admins(),
                            providers::health, budgets, chatAdmins, sessions, providers::usableModels, journal,
                            config.limits(), () -> new Deliveries(outbox.pending(), outbox.expired()), clock,
                            new JFreeChartRenderer(), new MultiService(asks, chain,
                                    asker -> budgets.gate(spender(asker), "multi"),
                                    asker -> budgets.headroom(spender(asker)), clock, config.limits().multiMaxCostMicros(),
                                    config.limits().multiConfirmAboveMicros(), new JsonPlanParser(),
                                    pipeline, config.limits().multiGrace()),
                            new JdbiTraceStore(database), new LearningRatings(new JdbiRatings(database, clock), learned), learned::tallies,
                            new ProbeService(new Prober(ProbeSuiteJson.shipped(), chain), probeStore, capabilities,
                                    () -> budgets.gate(Spender.BOT, "probe"), learned::recalibrate), capabilities,
                            () -> reloadCatalog(config, providers), metrics,
                            new CachedAnswers(new JdbiAnswerCache(database, clock), clock, embedder(config),
                                    config.cache().similarity()), allowances)));
        } catch (RuntimeException e) {
            if (chats != null) {
                chats.close();
            }
            closeQuietly(allowances);
            providers.close();
            learned.close();
            database.close();
            throw e;
        }
        alerts.connect(text -> telegram.sendPrivately(config.admins(), text));
        if (config.redisUrl().isPresent()) {
            // one overall limit for the bot, however many replicas send for it
            telegram.shareTelegramLimitThrough(allowances);
        }
        Gauge.builder("chorus.outbox.pending", outbox, o -> o.pending()).register(metrics);
        java.util.Set<String> gauged = new java.util.HashSet<>();
        for (ModelSpec usable : providers.usableModels()) {
            if (gauged.add(usable.provider())) {
                // the provider's own guard, read at each scrape: 0 closed, 1 half open, 2 open
                Gauge.builder("chorus.provider.breaker", providers.guard(usable), g -> switch (g.state()) {
                    case OPEN, FORCED_OPEN -> 2.0;
                    case HALF_OPEN -> 1.0;
                    default -> 0.0;
                }).tag("provider", usable.provider()).register(metrics);
            }
        }
        HealthServer health = config.healthPort() == 0 ? null
                : startHealth(config.healthPort(), telegram, database, providers, metrics);
        // replicas sharing PostgreSQL: beat, and take over what a replica that stopped beating left
        ReplicaDuties duties = database.dialect() == Database.Dialect.POSTGRESQL
                ? ReplicaDuties.start(database, budgets, telegram, learned) : null;
        return new Chorus(telegram, database, health, catalog, providers, learned, allowances, duties, chats);
    }

    /**
     * {@code /catalog reload}: the catalog file read again and put in place, with what changed, for the
     * admin: one line each, in the admin's language once the commands render them.
     */
    static List<Phrase> reloadCatalog(ChorusConfig config, ProviderFleet providers) {
        ModelCatalog next;
        try {
            next = ModelCatalog.load(config.catalog());
        } catch (ConfigException e) {
            return List.of(Phrase.of("catalog.unchanged_error", e.getMessage().lines().findFirst()
                    .<Object>map(line -> line).orElse(Phrase.of("catalog.unreadable"))));
        }
        ProviderFleet.CatalogChange change = providers.reload(next);
        log.info("catalog reloaded: {} models, added {}, removed {}", change.models(), change.added(), change.removed());
        List<Phrase> lines = new java.util.ArrayList<>();
        lines.add(Phrase.of("catalog.reloaded", change.models()));
        if (!change.added().isEmpty()) {
            lines.add(Phrase.of("catalog.added", String.join(", ", change.added())));
        }
        if (!change.removed().isEmpty()) {
            lines.add(Phrase.of("catalog.removed", String.join(", ", change.removed())));
        }
        if (!config.defaultModel().equalsIgnoreCase("auto") && next.find(config.defaultModel()).isEmpty()) {
            lines.add(Phrase.of("catalog.default_gone", config.defaultModel()));
        }
        if (change.added().isEmpty() && change.removed().isEmpty()) {
            lines.add(Phrase.of("catalog.nothing_changed"));
        }
        return lines;
    }

    /**
     * The sentence model behind the answer cache's matching by meaning: a provider's embeddings
     * endpoint when configured, else the in-process one. One that cannot load leaves word-for-word
     * matching, said once in the log: the cache is an optimisation, never a reason not to start.
     */
    private static Optional<Embedder> embedder(ChorusConfig config) {
        CacheSettings cache = config.cache();
        if (!cache.semantic()) {
            return Optional.empty();
        }
        try {
            Embedder embedder;
            if (cache.remote().isPresent()) {
                ProviderEndpoint endpoint = config.provider(cache.remote().get().provider()).orElseThrow();
                OkHttpClient http = new OkHttpClient.Builder().callTimeout(java.time.Duration.ofSeconds(5)).build();
                embedder = new OpenAiEmbeddings(http, okhttp3.HttpUrl.get(endpoint.baseUrl().toString()),
                        endpoint.apiKey().map(Secret::reveal).orElse(null), cache.remote().get().model(),
                        new ObjectMapper());
            } else {
                LocalMiniLm local = new LocalMiniLm();
                // ONNX Runtime's first run sets up its session and took half a second of the first
                // questions' time under load; it runs here, beside the start, instead
                Thread.ofVirtual().name("embedding-warm-up").start(() -> local.embed("How do vaccines work?"));
                embedder = local;
            }
            log.info("answer cache: matching by meaning with {} at similarity {}", embedder.name(), cache.similarity());
            return Optional.of(embedder);
        } catch (RuntimeException | LinkageError e) {
            log.warn("answer cache: the sentence model could not load ({}); matching word for word only", e.toString());
            return Optional.empty();
        }
    }

    private static HealthServer startHealth(int port, TelegramBot telegram, Database database, ProviderFleet providers,
                                            PrometheusMeterRegistry metrics) {
        try {
            HealthServer server = HealthServer.start(port, () -> !telegram.isPolling() ? "not taking Telegram updates"
                    : !database.isReachable() ? "database not reachable" : null, () -> {
                        List<String> lines = new java.util.ArrayList<>();
                        lines.add("store: " + database.dialect().name().toLowerCase(java.util.Locale.ROOT) + ", "
                                + (database.isReachable() ? "ok" : "not reachable"));
                        lines.add("replica: " + database.replicaId());
                        lines.add("telegram: " + (telegram.isPolling() ? telegram.intake() : "not " + telegram.intake()));
                        providers.health().forEach(h -> lines.add("provider " + h.provider() + ": breaker " + h.breaker()
                                + (h.failureRate() < 0 ? ", too few calls to rate"
                                : String.format(java.util.Locale.ROOT, ", %.0f%% failing", h.failureRate()))));
                        providers.setAside().forEach(id -> lines.add("model " + id + ": set aside (its provider says it is gone)"));
                        return lines;
                    }, metrics::scrape);
            log.info("health check on port {}", server.port());
            return server;
        } catch (IOException e) {
            telegram.close();
            database.close();
            throw new ConfigException("Config error: " + ConfigKey.HEALTH_PORT.label() + ": cannot listen on port "
                    + port + " (" + e.getMessage() + ")");
        }
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
        if (duties != null) {
            duties.close();
        }
        if (health != null) {
            health.close();
        }
        telegram.close();
        if (chats != null) {
            chats.close();
        }
        closeQuietly(allowances);
        providers.close();
        learned.close();
        database.close();
    }

    private static void closeQuietly(dev.chorus.command.Allowances allowances) {
        if (allowances instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("error while closing the shared allowances: {}", e.toString());
            }
        }
    }
}
