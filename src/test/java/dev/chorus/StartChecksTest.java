package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.config.ChorusConfig;
import dev.chorus.config.ConfigException;
import dev.chorus.config.ConfigLoader;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.fleet.ProviderFleet;
import dev.chorus.provider.resilience.Sleeper;
import dev.chorus.startup.Analyzers;
import dev.chorus.startup.StartChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks {@link Chorus#start} makes of the model keys before it opens anything: each stops the
 * start with one line naming the key, and none repeats the value.
 */
class StartChecksTest {
    private static final String PASTED = "123456:AAsecretTokenPastedHere";

    @TempDir
    Path dir;

    @Test
    void unknownDefaultModelNamesTheKeyNotTheValue() {
        assertThatThrownBy(() -> Chorus.start(config("CHORUS_DEFAULT_MODEL", PASTED)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Config error: model.default (env CHORUS_DEFAULT_MODEL) is neither auto nor a "
                        + "model in the catalog; known: auto, ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASTED).doesNotContain("123456")
                        .doesNotContain("secret"));
        assertThat(dir.resolve("db")).as("nothing was opened").doesNotExist();
    }

    @Test
    void unknownAnalyzerModelNamesTheKeyNotTheValue() {
        ChorusConfig config = config("CHORUS_ANALYZER_MODEL", PASTED);
        ModelCatalog catalog = ModelCatalog.load(config.catalog());
        ProviderFleet providers = new ProviderFleet(config, catalog, new ObjectMapper(), Clock.systemUTC(), Sleeper.REAL);
        assertThatThrownBy(() -> Analyzers.of(config, catalog, providers, null, null, null, Clock.systemUTC()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Config error: analyzer.model (env CHORUS_ANALYZER_MODEL) is not a model in the catalog; "
                        + "use a catalog id, or leave it empty for the built-in analyzer");
    }

    @Test
    void fallbackNotInTheCatalogStopsTheStartNamingThePosition() {
        assertThatThrownBy(() -> Chorus.start(config("CHORUS_MODEL_FALLBACKS", "gpt-4o, " + PASTED)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Config error: model.fallbacks (env CHORUS_MODEL_FALLBACKS) lists a model that is not in "
                        + "the catalog (the 2nd entry)");
        assertThat(dir.resolve("db")).as("nothing was opened").doesNotExist();
    }

    @Test
    void fallbackWhoseProviderHasNoKeyStopsTheStart() {
        assertThatThrownBy(() -> Chorus.start(config("CHORUS_MODEL_FALLBACKS", "claude-sonnet-4-0")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Config error: model.fallbacks (env CHORUS_MODEL_FALLBACKS) lists a model whose provider "
                        + "is not configured (the 1st entry); set that provider's API key or base URL, or remove the "
                        + "entry");
    }

    @Test
    void usableFallbacksPass() {
        ChorusConfig config = config("CHORUS_MODEL_FALLBACKS", "gpt-4o, gpt-4.1-mini");
        ModelCatalog catalog = ModelCatalog.load(config.catalog());
        StartChecks.checkFallbacks(config, catalog,
                new ProviderFleet(config, catalog, new ObjectMapper(), Clock.systemUTC(), Sleeper.REAL));
    }

    @Test
    void pipelineStepWithAnUnknownModelStopsTheStartNamingTheStepNotTheValue() {
        assertThatThrownBy(() -> Chorus.start(config("CHORUS_MULTI_PIPELINE", "draft:gpt-4o-mini,final:" + PASTED)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Config error: multi.pipeline (env CHORUS_MULTI_PIPELINE): the model of step \"final\" "
                        + "is not in the catalog");
        assertThat(dir.resolve("db")).as("nothing was opened").doesNotExist();
    }

    @Test
    void pipelineStepWhoseProviderHasNoKeyStopsTheStart() {
        assertThatThrownBy(() -> Chorus.start(config("CHORUS_MULTI_PIPELINE", "draft:gpt-4o-mini,critique:claude-sonnet-4-0")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Config error: multi.pipeline (env CHORUS_MULTI_PIPELINE): the model of step \"critique\" "
                        + "has no configured provider; set that provider's API key or base URL");
    }

    /** A config with an OpenAI key (so that some model is usable) and {@code env} on top. */
    private ChorusConfig config(String... env) {
        Map<String, String> all = new HashMap<>(Map.of("TELEGRAM_BOT_TOKEN", "1:unused-token-value",
                "OPENAI_API_KEY", "sk-unused-key-value", "OPENAI_BASE_URL", "http://127.0.0.1:9/v1",
                "CHORUS_TELEGRAM_BASE_URL", "http://127.0.0.1:9",
                "CHORUS_DB_PATH", dir.resolve("db/chorus.db").toString()));
        for (int i = 0; i < env.length; i += 2) {
            all.put(env[i], env[i + 1]);
        }
        return ConfigLoader.load(null, all);
    }
}
