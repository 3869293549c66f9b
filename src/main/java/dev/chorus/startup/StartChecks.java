package dev.chorus.startup;

import dev.chorus.config.ChatLimits;
import dev.chorus.config.ChorusConfig;
import dev.chorus.config.ConfigException;
import dev.chorus.config.ConfigKey;
import dev.chorus.config.Ordinals;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.fleet.ProviderFleet;
import dev.chorus.orchestration.multi.PipelineStep;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of the model keys that the bot and the terminal's {@code ask} make before they open
 * anything, so that a missing key or a mistyped id stops the start with one line naming the key.
 */
public final class StartChecks {

    private StartChecks() {
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
        List<String> ids = config.catalog().fallbacks();
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

    /**
     * Checks {@code multi.pipeline}: a step whose model is not in the catalog or cannot be called
     * would only show when someone asks for the pipeline. Names the step, never the model id.
     * Returns the steps as the run takes them.
     */
    public static List<PipelineStep> checkedPipeline(ChorusConfig config, ModelCatalog catalog,
                                                     ProviderFleet providers) {
        List<PipelineStep> steps = new ArrayList<>();
        for (ChatLimits.Step step : config.limits().pipeline()) {
            String where = ConfigKey.MULTI_PIPELINE.label() + ": the model of step \"" + step.name() + "\"";
            ModelSpec model = catalog.find(step.model()).orElseThrow(() -> new ConfigException("Config error: "
                    + where + " is not in the catalog"));
            if (!providers.usable(model)) {
                throw new ConfigException("Config error: " + where + " has no configured provider; set that "
                        + "provider's API key or base URL");
            }
            steps.add(new PipelineStep(step.name(), model.id()));
        }
        return steps;
    }
}
