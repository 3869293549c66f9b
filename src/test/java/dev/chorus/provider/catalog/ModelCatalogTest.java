package dev.chorus.provider.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.config.CatalogSettings;
import dev.chorus.config.ConfigException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {
    @TempDir
    Path dir;

    @Test
    void builtInCatalogCoversSevenProvidersWithPricesAndScores() {
        List<ModelSpec> models = ModelCatalog.builtIn().all();
        assertThat(models).hasSizeGreaterThanOrEqualTo(15);
        assertThat(models.stream().map(ModelSpec::provider).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("openai", "anthropic", "mistral", "xai", "gemini", "openrouter", "ollama");
        for (ModelSpec model : models) {
            assertThat(model.capabilities()).as(model.id()).hasSize(Domain.values().length);
            if (model.local()) {
                assertThat(model.price().costMicros(new dev.chorus.provider.Usage(1000, 0, 1000, 0, false))).isZero();
            } else {
                assertThat(model.price().inputPerMillion()).as(model.id()).isPositive();
                assertThat(model.price().outputPerMillion()).as(model.id()).isGreaterThanOrEqualTo(
                        model.price().inputPerMillion());
                assertThat(model.price().pricedOn()).isNotNull();
            }
        }
        ModelSpec haiku = ModelCatalog.builtIn().find("claude-3-5-haiku-latest").orElseThrow();
        assertThat(haiku.protocol()).isEqualTo(WireProtocol.ANTHROPIC_MESSAGES);
        assertThat(haiku.price().cachedInputPerMillion()).isEqualByComparingTo("0.08");
        assertThat(ModelCatalog.builtIn().find("openrouter/llama-3.3-70b").orElseThrow().apiModel())
                .isEqualTo("meta-llama/llama-3.3-70b-instruct");
    }

    @Test
    void todaysModelsAreDatedAndTheReasoningOnesSayHowTheyThink() {
        ModelCatalog catalog = ModelCatalog.builtIn();
        for (String id : List.of("gpt-5.5", "gpt-5.4-mini", "claude-sonnet-4-6", "gemini-3-flash-preview", "grok-4.3")) {
            assertThat(catalog.find(id)).as(id).hasValueSatisfying(m -> assertThat(m.price().pricedOn())
                    .isEqualTo(java.time.LocalDate.parse("2026-12-03")));
        }
        assertThat(catalog.find("gpt-5.4-mini").orElseThrow().reasoning())
                .isEqualTo(new Reasoning(dev.chorus.provider.ReasoningRequest.Style.EFFORT, dev.chorus.provider.Effort.LOW));
        ModelSpec thinking = catalog.find("claude-sonnet-4-6-thinking").orElseThrow();
        assertThat(thinking.apiModel()).isEqualTo("claude-sonnet-4-6");
        assertThat(thinking.reasoning().style()).isEqualTo(dev.chorus.provider.ReasoningRequest.Style.THINKING);
        assertThat(catalog.find("grok-4.3").orElseThrow().reasoning().style())
                .isEqualTo(dev.chorus.provider.ReasoningRequest.Style.HIDDEN);
        assertThat(catalog.find("claude-sonnet-4-6").orElseThrow().reasoning().reasons()).isFalse();
        assertThat(catalog.find("gpt-4o-mini")).as("older models stay usable by id").isPresent();
    }

    @Test
    void configAddsALocalServerModelWithDefaults() {
        ModelCatalog catalog = ModelCatalog.load(new CatalogSettings(Optional.empty(),
                Map.of("my-llama", Map.of("provider", "lab", "context-window", "32768", "local", "true")), List.of()));
        ModelSpec model = catalog.find("my-llama").orElseThrow();
        assertThat(model.provider()).isEqualTo("lab");
        assertThat(model.protocol()).isEqualTo(WireProtocol.OPENAI_CHAT);
        assertThat(model.contextWindow()).isEqualTo(32768);
        assertThat(model.local()).isTrue();
        assertThat(model.price().inputPerMillion()).isZero();
        assertThat(model.capability(Domain.CODE)).isEqualTo(0.5);
        assertThat(catalog.all()).hasSize(ModelCatalog.builtIn().all().size() + 1);
    }

    @Test
    void configCorrectsAPriceAndScoresOfABuiltInModel() {
        ModelCatalog catalog = ModelCatalog.load(new CatalogSettings(Optional.empty(),
                Map.of("gpt-4o-mini", Map.of("price.output", "0.55", "capabilities", "code:0.9,all:0.1")), List.of()));
        ModelSpec model = catalog.find("gpt-4o-mini").orElseThrow();
        assertThat(model.price().outputPerMillion()).isEqualByComparingTo(new BigDecimal("0.55"));
        assertThat(model.price().inputPerMillion()).isEqualByComparingTo(new BigDecimal("0.15"));
        // Applied left to right: "all" after "code" wins.
        assertThat(model.capability(Domain.CODE)).isEqualTo(0.1);
    }

    @Test
    void catalogFileReplacesAndExtends() throws IOException {
        Path file = dir.resolve("extra.json");
        Files.writeString(file, """
                {"pricesTakenOn": "2026-11-01", "models": [
                  {"id": "gpt-4o-mini", "provider": "openai", "protocol": "OPENAI_CHAT", "contextWindow": 128000,
                   "maxOutput": 16384, "price": {"input": 0.2, "output": 0.8}, "capabilities": {"chat": 0.9}},
                  {"id": "house-model", "provider": "lab", "protocol": "OPENAI_CHAT", "contextWindow": 4096,
                   "maxOutput": 1024, "local": true}
                ]}""");
        ModelCatalog catalog = ModelCatalog.load(new CatalogSettings(Optional.of(file), Map.of(), List.of()));
        assertThat(catalog.find("gpt-4o-mini").orElseThrow().price().inputPerMillion()).isEqualByComparingTo("0.2");
        assertThat(catalog.find("house-model")).isPresent();
        assertThat(catalog.find("gpt-4.1")).isPresent();
    }

    @Test
    void badEntriesNameTheirKey() {
        assertThatThrownBy(() -> ModelCatalog.load(new CatalogSettings(Optional.empty(),
                Map.of("x", Map.of("context-window", "9")), List.of())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("models.x.provider is required");
        assertThatThrownBy(() -> ModelCatalog.load(new CatalogSettings(Optional.empty(),
                Map.of("gpt-4o", Map.of("price.input", "-1")), List.of())))
                .hasMessageContaining("models.gpt-4o.price.input");
        assertThatThrownBy(() -> ModelCatalog.load(new CatalogSettings(Optional.empty(),
                Map.of("gpt-4o", Map.of("capabilities", "coding:0.5")), List.of())))
                .hasMessageContaining("models.gpt-4o.capabilities");
        assertThatThrownBy(() -> ModelCatalog.load(new CatalogSettings(Optional.of(dir.resolve("missing.json")),
                Map.of(), List.of())))
                .hasMessageContaining("catalog.file").hasMessageContaining("does not exist");
    }

    @Test
    void badEntriesNeverRepeatTheValue() {
        String pasted = "sk-proj-SecretPastedHere";
        for (String field : List.of("protocol", "context-window", "max-output", "price.input", "price.output",
                "price.cached-input", "capabilities", "latency")) {
            assertThatThrownBy(() -> ModelCatalog.load(new CatalogSettings(Optional.empty(),
                    Map.of("gpt-4o", Map.of(field, pasted)), List.of())))
                    .as(field).hasMessageStartingWith("Config error: models.gpt-4o." + field + " ")
                    .satisfies(e -> assertThat(e.getMessage()).as(field).doesNotContain("Secret").doesNotContain("'"));
        }
        assertThatThrownBy(() -> ModelCatalog.load(new CatalogSettings(Optional.of(dir.resolve(pasted)),
                Map.of(), List.of())))
                .satisfies(e -> assertThat(e.getMessage()).startsWith("Config error: catalog.file ")
                        .doesNotContain("Secret"));
    }
}
