package dev.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.store.Database;
import dev.chorus.testing.FakeOpenAi;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code probe MODEL} in the terminal against a fake OpenAI: cost first, progress, scores, stored, charged. */
class ProbeCommandTest {
    @TempDir
    Path dir;

    @Test
    void probesTheModelAndStoresWhatItMeasured() throws Exception {
        try (FakeOpenAi openAi = new FakeOpenAi(true)) {
            Path config = Files.write(dir.resolve("c.properties"), List.of("openai.api-key=sk-test",
                    "openai.base-url=" + openAi.baseUrl(), "db.path=" + dir.resolve("chorus.db"),
                    "budget.global=3/day"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = ProbeCommand.run(CommandLineArgs.parse(new String[] {"probe", "gpt-4o-mini", "--config",
                    config.toString()}), Map.of(), out, err);
            List<String> progress = err.toString(StandardCharsets.UTF_8).lines().toList();
            assertThat(code).as(String.join("\n", progress)).isZero();
            assertThat(progress.getFirst()).matches("probe: gpt-4o-mini: 66 tasks, estimated \\$0\\.\\d+, charged to the "
                    + "global budget");
            assertThat(progress).contains("probe: 10/66 tasks, 10 passed, " + progress.get(1).split("passed, ")[1]);
            JsonNode result = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
            assertThat(result.path("scores").path("math").path("passed").asInt()).isEqualTo(16);
            assertThat(result.path("scores").path("code").path("passed").asInt()).isZero();
            assertThat(result.path("costMicros").asLong()).isPositive();
            try (Database db = Database.open(dir.resolve("chorus.db"))) {
                long rows = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM probes").mapTo(Long.class).one());
                assertThat(rows).isEqualTo(6);
                long charged = db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT SUM(amount_micros) FROM ledger WHERE scope_kind = 'global' AND kind = 'charge'")
                        .mapTo(Long.class).one());
                assertThat(charged).isEqualTo(result.path("costMicros").asLong());
            }
        }
    }

    @Test
    void aGlobalBudgetWithoutRoomStopsTheProbeAndKeepsTheCatalogsScores() throws Exception {
        try (FakeOpenAi openAi = new FakeOpenAi(true)) {
            Path config = Files.write(dir.resolve("c.properties"), List.of("openai.api-key=sk-test",
                    "openai.base-url=" + openAi.baseUrl(), "db.path=" + dir.resolve("chorus.db"),
                    "budget.global=0.00001/day"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = ProbeCommand.run(CommandLineArgs.parse(new String[] {"probe", "gpt-4o", "--config",
                    config.toString()}), Map.of(), out, err);
            assertThat(code).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("probe: stopped early: the budget has no room for more");
            JsonNode result = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
            assertThat(result.path("unanswered").asInt()).isEqualTo(66);
            assertThat(openAi.requests()).isEmpty();
            try (Database db = Database.open(dir.resolve("chorus.db"))) {
                long rows = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM probes").mapTo(Long.class)
                        .one());
                assertThat(rows).isZero();
            }
        }
    }

    @Test
    void anUnknownModelIsOneLineAndExitTwo() throws Exception {
        Path config = Files.write(dir.resolve("c.properties"), List.of("db.path=" + dir.resolve("chorus.db")));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ProbeCommand.run(CommandLineArgs.parse(new String[] {"probe", "gpt-9", "--config",
                config.toString()}), Map.of(), new ByteArrayOutputStream(), err);
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly("probe: no model gpt-9 in the catalog");
    }

    @Test
    void probeTakesExactlyOneModel() {
        assertThatThrownBy(() -> CommandLineArgs.parse(new String[] {"probe"})).hasMessageEndingWith("the model is missing");
        assertThatThrownBy(() -> CommandLineArgs.parse(new String[] {"probe", "a", "b"}))
                .hasMessageEndingWith("one model at a time");
    }
}
