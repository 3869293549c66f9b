package dev.chorus.startup;

import dev.chorus.config.ChorusConfig;
import dev.chorus.config.ConfigException;
import dev.chorus.config.ConfigKey;
import dev.chorus.json.JsonVerdictParser;
import dev.chorus.orchestration.AnalysisModel;
import dev.chorus.orchestration.Asker;
import dev.chorus.orchestration.CallLog;
import dev.chorus.orchestration.analysis.DeterministicAnalyzer;
import dev.chorus.orchestration.analysis.ModelAnalyzer;
import dev.chorus.orchestration.analysis.TaskAnalyzer;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.fleet.ProviderFleet;
import dev.chorus.provider.resilience.FallbackChain;
import dev.chorus.provider.resilience.SpendGate;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/** The question analyzer the config asks for, built the same way for the bot and the terminal's {@code ask}. */
public final class Analyzers {

    private Analyzers() {
    }

    /**
     * The built-in analyzer, or, with {@code analyzer.model}, that model profiling each question
     * within the asker's budget, with the built-in analyzer as its fallback.
     */
    public static Function<Asker, TaskAnalyzer> of(ChorusConfig config, ModelCatalog catalog, ProviderFleet providers,
                                                   FallbackChain chain, CallLog calls,
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
        var parser = new JsonVerdictParser();
        return asker -> new ModelAnalyzer(new AnalysisModel(model, chain, gates.apply(asker), calls,
                asker, Duration.ofSeconds(4), clock), parser, deterministic, cache);
    }
}
