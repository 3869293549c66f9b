package dev.chorus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
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
    void missingTokenNamesTheKeyAndTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Config error: telegram.token (env TELEGRAM_BOT_TOKEN) is required");
    }

    @Test
    void malformedNumberNamesTheKeyAndTheRange() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "CHORUS_ANSWER_MAX_TOKENS", "lots")))
                .hasMessage("Config error: answer.max-tokens (env CHORUS_ANSWER_MAX_TOKENS) must be a whole number "
                        + "from 1 to 200000, got 'lots'");
    }

    @Test
    void outOfRangeNumberIsRejected() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "CHORUS_TELEGRAM_POLL_TIMEOUT_SECONDS", "0")))
                .hasMessageContaining("telegram.poll-timeout-seconds");
    }

    @Test
    void badUrlAndBadAdminAreRejected() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "OPENAI_BASE_URL", "ftp://x")))
                .hasMessageContaining("openai.base-url (env OPENAI_BASE_URL) must be an http(s) URL");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "CHORUS_ADMINS", "12,@bob")))
                .hasMessageContaining("admins (env CHORUS_ADMINS)").hasMessageContaining("'@bob'");
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
