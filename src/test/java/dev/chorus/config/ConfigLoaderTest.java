package dev.chorus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String TOKEN = "123456:AAbbCCddEEffGGhh";
    private static final String KEY = "sk-proj-abcdefghijklmnop";

    @TempDir
    Path dir;

    @Test
    void defaultsApplyWhenOnlyTheRequiredKeysAreSet() {
        ChorusConfig config = ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "OPENAI_API_KEY", KEY));
        assertThat(config.telegram().token().reveal()).isEqualTo(TOKEN);
        assertThat(config.telegram().baseUrl()).hasToString("https://api.telegram.org");
        assertThat(config.telegram().pollTimeout()).isEqualTo(Duration.ofSeconds(50));
        assertThat(config.defaultModel()).isEqualTo("auto");
        assertThat(config.dbPath()).isEqualTo(Path.of("./data/chorus.db"));
        assertThat(config.provider("openai").orElseThrow().apiKey().orElseThrow().reveal()).isEqualTo(KEY);
        assertThat(config.provider("ollama")).as("Ollama is off until its URL is set").isEmpty();
        assertThat(config.resilience().firstTokenTimeout()).isEqualTo(Duration.ofSeconds(25));
        assertThat(config.catalog().fallbacks()).isEmpty();
        assertThat(config.admins()).isEmpty();
    }

    @Test
    void environmentOverridesTheFile() throws IOException {
        Path file = write("telegram.token=" + TOKEN, "model.default=gpt-4o", "answer.max-tokens=300",
                "admins=1, 2,3");
        ChorusConfig config = ConfigLoader.load(file, Map.of("CHORUS_DEFAULT_MODEL", "gpt-4.1", "CHORUS_ADMINS", ""));
        assertThat(config.defaultModel()).isEqualTo("gpt-4.1");
        assertThat(config.answerMaxTokens()).isEqualTo(300);
        assertThat(config.admins()).containsExactlyInAnyOrder(1L, 2L, 3L);
    }

    @Test
    void theAnswerCacheMatchesByMeaningLocallyOrThroughAConfiguredProvider() {
        ChorusConfig defaults = ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN));
        assertThat(defaults.cache()).isEqualTo(CacheSettings.DEFAULT);
        ChorusConfig remote = ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "OPENAI_API_KEY", KEY,
                "CHORUS_CACHE_EMBEDDINGS", "openai:text-embedding-3-small", "CHORUS_CACHE_SIMILARITY", "0.9"));
        assertThat(remote.cache()).isEqualTo(new CacheSettings(true,
                java.util.Optional.of(new CacheSettings.ProviderModel("openai", "text-embedding-3-small")), 0.9));
        assertThat(ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "CHORUS_CACHE_EMBEDDINGS", "off"))
                .cache().semantic()).isFalse();
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "CHORUS_CACHE_EMBEDDINGS", "lab:embed-1")))
                .hasMessage("Config error: cache.embeddings (env CHORUS_CACHE_EMBEDDINGS) names a provider that is "
                        + "not configured");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "CHORUS_CACHE_SIMILARITY", "high")))
                .hasMessage("Config error: cache.similarity (env CHORUS_CACHE_SIMILARITY) must be a number from 0.5 "
                        + "to 1, such as 0.84");
    }

    @Test
    void webhookModeNeedsASecretAndAnHttpsUrlIfOneIsGiven() {
        assertThat(ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN)).telegram().webhook()).isEmpty();
        ChorusConfig webhook = ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "CHORUS_TELEGRAM_MODE", "webhook",
                "CHORUS_TELEGRAM_WEBHOOK_SECRET", "s3cret-of-twenty-chars", "CHORUS_TELEGRAM_WEBHOOK_URL",
                "https://bot.example.com/telegram"));
        assertThat(webhook.telegram().webhook()).hasValueSatisfying(w -> {
            assertThat(w.port()).isEqualTo(8081);
            assertThat(w.path()).isEqualTo("/telegram");
            assertThat(w.secret().reveal()).isEqualTo("s3cret-of-twenty-chars");
            assertThat(w.publicUrl()).hasValue(java.net.URI.create("https://bot.example.com/telegram"));
        });
        assertThat(webhook.toString()).doesNotContain("s3cret-of-twenty-chars");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "CHORUS_TELEGRAM_MODE",
                "webhook"))).hasMessage("Config error: telegram.webhook-secret (env CHORUS_TELEGRAM_WEBHOOK_SECRET) is "
                + "required in webhook mode");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "CHORUS_TELEGRAM_MODE",
                "webhook", "CHORUS_TELEGRAM_WEBHOOK_SECRET", "s3cret-of-twenty-chars", "CHORUS_TELEGRAM_WEBHOOK_URL",
                "http://bot.example.com/telegram"))).hasMessageStartingWith("Config error: telegram.webhook-url");
    }

    @Test
    void missingTokenNamesTheKeyAndTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Config error: telegram.token (env TELEGRAM_BOT_TOKEN) is required");
    }

    @Test
    void malformedNumberNamesTheKeyAndTheRange() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "CHORUS_ANSWER_MAX_TOKENS", "lots")))
                .hasMessage("Config error: answer.max-tokens (env CHORUS_ANSWER_MAX_TOKENS) is not a whole number; "
                        + "it must be from 1 to 200000");
    }

    @Test
    void outOfRangeNumberIsRejected() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "CHORUS_TELEGRAM_POLL_TIMEOUT_SECONDS", "0")))
                .hasMessage("Config error: telegram.poll-timeout-seconds (env CHORUS_TELEGRAM_POLL_TIMEOUT_SECONDS) "
                        + "is out of range; it must be a whole number from 1 to 100");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "CHORUS_HEALTH_PORT", "99999999999999999999")))
                .hasMessageContaining("health.port (env CHORUS_HEALTH_PORT) is out of range");
    }

    @Test
    void badUrlAndBadAdminAreRejected() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "OPENAI_BASE_URL", "ftp://x")))
                .hasMessage("Config error: openai.base-url (env OPENAI_BASE_URL) must be an http(s) URL such as "
                        + "https://api.example.com/v1; it does not start with http:// or https://");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "CHORUS_ADMINS", "12,@bob")))
                .hasMessage("Config error: admins (env CHORUS_ADMINS) must be comma-separated Telegram user ids "
                        + "(whole numbers); the 2nd entry is not one");
    }

    /**
     * A token pasted into the wrong line must not reach a terminal or a log through the error that
     * refuses it: every key the loader checks is fed values shaped to reach each kind of check.
     */
    @Test
    void errorsNameTheKeyButNeverRepeatTheValue() {
        Set<ConfigKey> freeText = EnumSet.of(ConfigKey.TELEGRAM_TOKEN, ConfigKey.DB_PATH, ConfigKey.DEFAULT_MODEL,
                ConfigKey.ANALYZER_MODEL, ConfigKey.MODEL_FALLBACKS, ConfigKey.CATALOG_FILE, ConfigKey.SYSTEM_PROMPT,
                ConfigKey.OPENAI_API_KEY, ConfigKey.ANTHROPIC_API_KEY, ConfigKey.MISTRAL_API_KEY, ConfigKey.XAI_API_KEY, ConfigKey.GEMINI_API_KEY,
                ConfigKey.OPENROUTER_API_KEY);
        for (ConfigKey key : EnumSet.complementOf(EnumSet.copyOf(freeText))) {
            for (String pasted : PASTED) {
                assertRefusedWithoutEcho(() -> ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                        key.env(), pasted)), key.label(), pasted);
            }
        }
    }

    @Test
    void customProviderUrlErrorsNeverRepeatTheValue() throws IOException {
        for (String pasted : PASTED) {
            Path file = write("telegram.token=" + TOKEN, "providers.lab.base-url=" + pasted);
            assertRefusedWithoutEcho(() -> ConfigLoader.load(file, Map.of()), "providers.lab.base-url", pasted);
        }
    }

    @Test
    void budgetErrorsStillSayWhatIsWrong() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "CHORUS_BUDGET_GROUP", "99999999999/day")))
                .hasMessage("Config error: budget.group (env CHORUS_BUDGET_GROUP) must be an amount per period such as "
                        + "5/day; that is more than $1,000,000");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "CHORUS_BUDGET_USER", "five/day")))
                .hasMessage("Config error: budget.user (env CHORUS_BUDGET_USER) must be an amount per period such as "
                        + "5/day; it is not an amount; write dollars like 5, 0.50 or $5");
    }

    /** Values that reach the different checks: a token (not a URL, no period), an amount-shaped and a URL-shaped key. */
    private static final List<String> PASTED = List.of("123456:AAsecretTokenPastedHere", "sk-proj-SecretPasted/day",
            "ftp://sk-proj-SecretPasted", "https:///sk-proj-SecretPasted");

    static void assertRefusedWithoutEcho(ThrowingCallable load, String label, String pasted) {
        assertThatThrownBy(load).as("%s = %s", label, pasted)
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Config error: " + label + " ")
                .satisfies(e -> assertThat(e.getMessage()).as("%s = %s", label, pasted)
                        .doesNotContain("Secret").doesNotContain("123456").doesNotContain("'").isEqualTo(
                                e.getMessage().lines().findFirst().orElseThrow()));
    }

    @Test
    void unknownKeyInTheFileIsATypoToReport() throws IOException {
        Path file = write("telegram.token=" + TOKEN, "telegram.tokn=oops");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessageContaining("unknown key 'telegram.tokn'");
    }

    @Test
    void customProvidersAndModelsComeFromTheirOwnKeys() throws IOException {
        Path file = write("telegram.token=" + TOKEN,
                "providers.local-vllm.base-url=http://127.0.0.1:8000/v1",
                "models.qwen2.5\\:7b.provider=local-vllm",
                "models.qwen2.5\\:7b.price.input=0",
                "model.fallbacks=qwen2.5:7b, gpt-4o");
        ChorusConfig config = ConfigLoader.load(file, Map.of("CHORUS_PROVIDER_LOCAL_VLLM_API_KEY", "local-secret-key"));
        ProviderEndpoint custom = config.provider("local-vllm").orElseThrow();
        assertThat(custom.baseUrl()).hasToString("http://127.0.0.1:8000/v1");
        assertThat(custom.apiKey().orElseThrow().reveal()).isEqualTo("local-secret-key");
        assertThat(config.catalog().models()).containsEntry("qwen2.5:7b",
                Map.of("provider", "local-vllm", "price.input", "0"));
        assertThat(config.catalog().fallbacks()).containsExactly("qwen2.5:7b", "gpt-4o");
    }

    @Test
    void customProviderNeedsAUrl() throws IOException {
        Path file = write("telegram.token=" + TOKEN, "providers.lab.api-key=abc");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessage("Config error: providers.lab.base-url is required for the custom provider 'lab'");
    }

    @Test
    void secretsNeverShowInToStringOrErrors() {
        ChorusConfig config = ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "OPENAI_API_KEY", KEY));
        assertThat(config.toString()).doesNotContain(TOKEN).doesNotContain(KEY).contains("[secret]");
        assertThat(Secret.mask("GET https://api.telegram.org/bot" + TOKEN + "/getMe with " + KEY))
                .isEqualTo("GET https://api.telegram.org/bot[secret]/getMe with [secret]");
    }

    @Test
    void exampleFileListsEveryKeyAndLoads() throws IOException {
        Path example = Path.of("bot-config.example.properties");
        String text = Files.readString(example);
        Properties shown = new Properties();
        shown.load(new java.io.StringReader(text.replaceAll("(?m)^#(?=[a-z])", "")));
        assertThat(shown.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ConfigKey.values()).map(ConfigKey::property).toList());
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(text).contains(key.env());
        }
        ChorusConfig config = ConfigLoader.load(example, Map.of("TELEGRAM_BOT_TOKEN", TOKEN));
        assertThat(config.defaultModel()).isEqualTo("auto");
    }

    @Test
    void readmeDocumentsEveryKey() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(readme).contains("`" + key.property() + "` | `" + key.env() + "`");
        }
    }

    private Path write(String... lines) throws IOException {
        Path file = dir.resolve("bot-config.properties");
        Files.writeString(file, String.join("\n", lines));
        return file;
    }
}
