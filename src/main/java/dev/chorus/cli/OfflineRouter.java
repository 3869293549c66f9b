package dev.chorus.cli;

import dev.chorus.config.ChorusConfig;
import dev.chorus.config.ConfigException;
import dev.chorus.config.ConfigKey;
import dev.chorus.orchestration.AskService;
import dev.chorus.orchestration.analysis.DeterministicAnalyzer;
import dev.chorus.orchestration.analysis.TaskProfile;
import dev.chorus.orchestration.delegation.DelegationEngine;
import dev.chorus.orchestration.delegation.Mode;
import dev.chorus.orchestration.delegation.Preferences;
import dev.chorus.orchestration.delegation.QualityModel;
import dev.chorus.orchestration.delegation.Routing;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.orchestration.learning.LearnedQuality;
import dev.chorus.startup.Learning;
import dev.chorus.store.Database;
import dev.chorus.store.Databases;
import dev.chorus.store.StoreException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Routes questions the way the bot does, without calling any model: the deterministic analyzer (the
 * bot's analyzer may one day ask a model) and the delegation engine over the whole catalog. Every
 * catalog model counts as usable, because routing offline is about the catalog, not about which
 * keys are set here; there is no budget. Build one and reuse it: it is thread-safe and its analyzer
 * loads a tokenizer once.
 */
public final class OfflineRouter implements AutoCloseable {
    private final DeterministicAnalyzer analyzer = new DeterministicAnalyzer();
    private final DelegationEngine engine;
    private final List<ModelSpec> models;
    private final Preferences preferences;
    private final AutoCloseable resources;

    public OfflineRouter(List<ModelSpec> models, Preferences preferences) {
        this(models, preferences, Integer.MAX_VALUE, QualityModel.PRIOR, () -> { });
    }

    /**
     * @param maxAnswerTokens {@code answer.max-tokens}, which caps the answer length every estimate assumes
     * @param quality what is expected of each model: the prior, or what was learned from ratings
     * @param resources closed with this router (the database the learned state came from)
     */
    public OfflineRouter(List<ModelSpec> models, Preferences preferences, int maxAnswerTokens, QualityModel quality,
                         AutoCloseable resources) {
        this.models = List.copyOf(models);
        this.preferences = Objects.requireNonNull(preferences, "preferences");
        this.engine = new DelegationEngine(quality, maxAnswerTokens);
        this.resources = resources;
    }

    /**
     * The catalog of {@code config}, routed in {@code mode} (default balanced); a pinned
     * {@code model.default} pins every question, as in the bot.
     *
     * Expected quality includes what was learned from the ratings in {@code db.path}, when that
     * database exists; without one, the prior alone.
     *
     * @throws ConfigException when the catalog is wrong or the pinned model is not in it
     */
    public static OfflineRouter fromConfig(ChorusConfig config, Optional<Mode> mode) {
        ModelCatalog catalog = ModelCatalog.load(config.catalog());
        Optional<String> pinned = Optional.empty();
        if (!config.defaultModel().equalsIgnoreCase("auto")) {
            ModelSpec model = catalog.find(config.defaultModel()).orElseThrow(() -> new ConfigException(
                    "Config error: " + ConfigKey.DEFAULT_MODEL.label() + " is neither auto nor a model in the catalog"));
            pinned = Optional.of(model.id());
        }
        Preferences preferences = new Preferences(mode.orElse(Preferences.DEFAULT.mode()), pinned,
                Preferences.DEFAULT.allowEscalation());
        if (config.dbServer().isEmpty() && !Files.isRegularFile(config.dbPath())) {
            return new OfflineRouter(catalog.all(), preferences, config.answerMaxTokens(), QualityModel.PRIOR, () -> { });
        }
        Database database = openDatabase(config);
        try {
            LearnedQuality learned = Learning.open(database, catalog.all(), Clock.systemUTC());
            return new OfflineRouter(catalog.all(), preferences, config.answerMaxTokens(), learned, () -> {
                learned.close();
                database.close();
            });
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static Database openDatabase(ChorusConfig config) {
        try {
            return Databases.open(config);
        } catch (StoreException e) {
            throw new ConfigException("Config error: " + ConfigKey.DB_PATH.label() + ": cannot open the database ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the learned state's database", e);
        }
    }

    public AskService.RoutedQuestion route(String question) {
        TaskProfile profile = analyzer.analyze(question, List.of());
        Routing routing = engine.route(profile, question, models, preferences, Long.MAX_VALUE, false);
        return new AskService.RoutedQuestion(profile, routing);
    }

    public List<ModelSpec> models() {
        return models;
    }
}
