package dev.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chorus.store.Database;
import dev.chorus.store.JdbiCallLog;
import dev.chorus.testing.FakeOpenAi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ask} against an OpenAI-compatible mock that streams the recorded fixture. */
class AskCommandTest {
    private static final String API_KEY = "sk-test-terminal-key-0123456789";

    @TempDir
    Path dir;
    FakeOpenAi openAi;

    @BeforeEach
    void start() throws IOException {
        openAi = new FakeOpenAi(true);
    }

    @AfterEach
    void stop() throws IOException {
        openAi.close();
    }

    private Path config(String... extra) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "openai.base-url=" + openAi.baseUrl(),
                "openai.api-key=" + API_KEY,
                "db.path=" + dir.resolve("data/chorus.db"),
                "provider.max-retries=0",
                "catalog.builtin=false",
                "models.mini.provider=openai",
                "models.mini.api-model=gpt-4o-mini",
                "models.mini.price.input=0.15",
                "models.mini.price.output=0.60",
                "models.mini.capabilities=all:0.8"));
        lines.addAll(List.of(extra));
        return Files.writeString(dir.resolve("ask.properties"), String.join("\n", lines));
    }

    @Test
    void streamsTheAnswerThenPrintsTheFooterAndRecordsTheCall() throws IOException {
        Run run = ask("--config", config().toString(), "What", "is", "Rust?");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Rust is a memory-safe systems language.\n");
        // the fixture reports 23 prompt and 8 answer tokens: 23 × $0.15 + 8 × $0.60 per million = 8.25 µ$, rounded up
        List<String> err = run.err().lines().toList();
        assertThat(err).hasSize(2);
        assertThat(err.get(0)).as("a blank line before the footer").isEmpty();
        assertThat(err.get(1)).matches("mini · [a-z]+ \\d\\.\\d\\d · \\$0\\.000009 · \\d+\\.\\ds");
        assertThat(run.out() + run.err()).doesNotContain(API_KEY);

        assertThat(openAi.requests()).singleElement().satisfies(request -> {
            assertThat(request.get("model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(request.get("stream").asBoolean()).isTrue();
            assertThat(request.get("messages").get(1).get("content").asText()).isEqualTo("What is Rust?");
        });
        assertThat(new JdbiCallLog(Database.open(dir.resolve("data/chorus.db"))).recent(5)).singleElement()
                .satisfies(call -> {
                    assertThat(call.userId()).isEqualTo(AskCommand.TERMINAL_ID);
                    assertThat(call.model()).isEqualTo("mini");
                    assertThat(call.costMicros()).isEqualTo(9);
                });
    }

    @Test
    void theConfiguredAnalyzerModelProfilesTheQuestionAsInTheBot() throws IOException {
        Run run = ask("--config", config("analyzer.model=mini").toString(), "What", "is", "Rust?");

        assertThat(run.code()).as(run.err()).isZero();
        // the mock's reply is no profile, so the analyzer asks once more, then the built-in one decides
        List<JsonNode> requests = openAi.requests();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).path("messages").get(0).path("content").asText()).contains("complexity");
        assertThat(requests.get(2).path("messages").get(1).path("content").asText()).isEqualTo("What is Rust?");
    }

    @Test
    void aFailedCallIsOneLineAndExitCodeOne() throws IOException {
        Run run = ask("--config", config().toString(), "please " + FakeOpenAi.FAIL_500);

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).singleElement().asString()
                .startsWith("ask failed: no model answered").contains("(tried mini)");
    }

    @Test
    void needsTheProvidersKeyButNoTelegramToken() throws IOException {
        Path noKey = Files.writeString(dir.resolve("nokey.properties"), String.join("\n",
                "openai.base-url=" + openAi.baseUrl(), "db.path=" + dir.resolve("db/chorus.db")));
        Run run = ask("--config", noKey.toString(), "hello");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines().toList()).singleElement().asString().contains("OPENAI_API_KEY")
                .doesNotContain("telegram");
        assertThat(openAi.requests()).isEmpty();
    }

    @Test
    void privateDataIsNotSentWithoutAllowCloud() throws IOException {
        Run refused = ask("--config", config().toString(), "my email is bob@example.com, is it valid?");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err().lines().toList()).singleElement().asString().contains("private data (email)")
                .contains("--allow-cloud");
        assertThat(openAi.requests()).isEmpty();

        Run sent = ask("--config", config().toString(), "--allow-cloud", "my email is bob@example.com, is it valid?");
        assertThat(sent.code()).isZero();
        assertThat(openAi.requests()).hasSize(1);
    }

    @Test
    void multiPrintsEachMembersProgressOnStandardErrorAndTheMergedAnswerWithItsFooterOnStandardOutput()
            throws IOException {
        Path config = config("models.other.provider=openai", "models.other.api-model=gpt-4.1-mini",
                "models.other.price.input=0.4", "models.other.price.output=1.6", "models.other.capabilities=all:0.9");
        Run run = command("multi", "--config", config.toString(), "--strategy", "parallel", "Write", "a", "haiku");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Rust is a memory-safe systems language.\n\n🎼 parallel · ")
                .contains(" answer $", " merged $", " · total $");
        assertThat(run.err()).contains("[1] ", " · answer · waiting", " · answer · done", "[3] other · merge · done");
        assertThat(openAi.requests()).hasSize(3);
        assertThat(CommandLineArgs.parse(new String[] {"multi", "--strategy", "verify", "q"}).strategy())
                .contains(dev.chorus.orchestration.multi.Strategy.VERIFY);
    }

    @Test
    void multiRunsTheConfiguredPipelineStepByStep() throws IOException {
        Path config = config("models.other.provider=openai", "models.other.api-model=gpt-4.1-mini",
                "models.other.price.input=0.4", "models.other.price.output=1.6", "models.other.capabilities=all:0.9",
                "multi.pipeline=draft:mini,final:other");
        Run run = command("multi", "--config", config.toString(), "--strategy", "pipeline", "What", "is", "Rust?");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("🎼 pipeline · mini draft $", " · other final $");
        assertThat(run.err()).contains("mini · draft · done", "other · final · done");
        assertThat(openAi.requests()).hasSize(2);
    }

    @Test
    void aPipelineStepWithAnUnknownModelIsOneLineAndExitTwo() throws IOException {
        Path config = config("multi.pipeline=draft:mini,final:nope");
        Run run = command("multi", "--config", config.toString(), "--strategy", "pipeline", "q");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("Config error: multi.pipeline (env CHORUS_MULTI_PIPELINE): the model "
                + "of step \"final\" is not in the catalog");
    }

    private static Run ask(String... args) {
        return command("ask", args);
    }

    private static Run command(String name, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = name;
        System.arraycopy(args, 0, all, 1, args.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AskCommand.run(CommandLineArgs.parse(all), Map.of(), out, err);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int code, String out, String err) {
    }
}
