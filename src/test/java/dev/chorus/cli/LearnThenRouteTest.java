package dev.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.catalog.ModelSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The measurement contract end to end: {@code learn} stores ratings in {@code db.path}, and
 * {@code route}'s {@code candidates} carry the expected quality that includes them, the same on every run.
 */
class LearnThenRouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEAK = "gpt-4o-mini";
    private static final String STRONG = "gpt-4o";

    @TempDir
    Path dir;

    @Test
    void candidatesListEveryCatalogModelWithTheNumberTheEngineDecidedOn() throws Exception {
        JsonNode line = route(config(), "What is the capital of Peru?").getFirst();
        List<String> ids = ModelCatalog.builtIn().all().stream().map(ModelSpec::id).toList();
        assertThat(line.get("candidates")).hasSize(ids.size());
        for (JsonNode c : line.get("candidates")) {
            assertThat(ids).contains(c.get("model").asText());
            assertThat(c.get("expectedQuality").asDouble()).isBetween(0.0, 1.0);
            assertThat(c.get("estimatedCostMicros").canConvertToLong()).isTrue();
            assertThat(c.get("estimatedCostMicros").asLong()).isNotNegative();
            assertThat(c.get("rejected").isNull() || c.get("rejected").isTextual()).isTrue();
        }
        JsonNode chosen = candidate(line, line.get("model").asText());
        assertThat(chosen.get("rejected").isNull()).isTrue();
        assertThat(chosen.get("estimatedCostMicros").asLong()).isEqualTo(line.get("estimatedCostMicros").asLong());
        assertThat(line.has("profile") && line.has("reason") && line.has("fallbacks") && line.has("score")).isTrue();
    }

    @Test
    void whatWasLearnedMovesTheHeldOutQuestionsAndEveryRunAgrees() throws Exception {
        Path config = config();
        List<String> heldOut = List.of(
                "If every blip is a tala and no tala can swim, can some blip swim?",
                "If every zorp is a fen and no fen can fly, can some zorp fly?",
                "Write a short poem about the sea at night, keeping every line under ten words.");
        List<JsonNode> before = route(config, heldOut.toArray(String[]::new));

        StringBuilder ratings = new StringBuilder();
        String[] things = {"quax", "miro", "dax", "pell", "veem", "sorn", "kib", "lute"};
        String[] verbs = {"sing", "count", "swim", "fly"};
        String[] topics = {"autumn rain", "my cat", "old friends", "city lights", "a lost umbrella", "snow"};
        for (int i = 0; i < 40; i++) {
            String riddle = "If every " + things[i % 8] + " is a rook and no rook can " + verbs[i % 4] + ", can some "
                    + things[(i + 3) % 8] + " " + verbs[i % 4] + "?";
            String poem = "Write a short poem about " + topics[i % 6] + ", keeping every line under ten words.";
            ratings.append(rating(riddle, WEAK, 1)).append(rating(riddle, STRONG, 5))
                    .append(rating(poem, WEAK, 5)).append(rating(poem, STRONG, 5));
        }
        assertThat(learn(config, ratings.toString())).isZero();

        List<JsonNode> after = route(config, heldOut.toArray(String[]::new));
        for (int i = 0; i < 2; i++) {
            assertThat(quality(after.get(i), WEAK)).as("riddle %d: the weak model was rated bad on riddles", i)
                    .isLessThan(quality(before.get(i), WEAK) - 0.2);
            assertThat(quality(after.get(i), STRONG) - quality(after.get(i), WEAK))
                    .isGreaterThan(quality(after.get(2), STRONG) - quality(after.get(2), WEAK));
        }
        assertThat(quality(after.get(2), WEAK)).as("the poem: rated good").isGreaterThan(quality(before.get(2), WEAK));
        assertThat(route(config, heldOut.toArray(String[]::new))).as("a second run, from the saved state").isEqualTo(after);
    }

    private static String rating(String text, String model, int score) throws Exception {
        return JSON.writeValueAsString(Map.of("text", text, "model", model, "rating", score)) + "\n";
    }

    private static double quality(JsonNode line, String model) {
        return candidate(line, model).get("expectedQuality").asDouble();
    }

    private static JsonNode candidate(JsonNode line, String model) {
        for (JsonNode c : line.get("candidates")) {
            if (c.get("model").asText().equals(model)) {
                return c;
            }
        }
        throw new AssertionError("no candidate " + model + " in " + line);
    }

    private Path config() throws Exception {
        return Files.write(dir.resolve("chorus.properties"), List.of("db.path=" + dir.resolve("chorus.db")));
    }

    private static int learn(Path config, String input) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        return LearnCommand.run(CommandLineArgs.parse(new String[] {"learn", "--config", config.toString()}), Map.of(),
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static List<JsonNode> route(Path config, String... questions) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RouteCommand.run(CommandLineArgs.parse(new String[] {"route", "--config", config.toString()}), Map.of(),
                new ByteArrayInputStream(String.join("\n", questions).getBytes(StandardCharsets.UTF_8)), out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            lines.add(JSON.readTree(l));
        }
        return lines;
    }
}
