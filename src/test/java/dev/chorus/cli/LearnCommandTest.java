package dev.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.store.Database;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code learn} contract: every good line stored as a rating, bad lines named, the exit codes. */
class LearnCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void storesEveryGoodLineAndNamesEachBadOneByNumber() throws Exception {
        int code = learn("""
                {"id": "q1", "text": "What is 17 * 23?", "model": "gpt-4o-mini", "rating": 2}
                {"text": "Write a haiku about rain", "model": "claude-3-5-haiku-latest", "rating": 5}
                not json
                {"text": "", "model": "gpt-4o", "rating": 3}
                {"text": "Hi", "model": "gpt-4o", "rating": 6}

                {"text": "Hi", "rating": 4}
                {"id": 7, "text": "Translate 'cat' to French", "model": "gpt-4o", "rating": 4.0}
                {"text": "Hi", "model": "gpt-4o", "rating": 4.5}
                """);
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "learn: line 3: not a JSON object; skipped",
                "learn: line 4: \"text\" must be a non-empty string; skipped",
                "learn: line 5: \"rating\" must be a whole number from 1 to 5; skipped",
                "learn: line 7: \"model\" must be a model id; skipped",
                "learn: line 9: \"rating\" must be a whole number from 1 to 5; skipped",
                "learn: stored 3 ratings, skipped 5 bad lines");
        try (Database db = Database.open(dir.resolve("chorus.db"))) {
            List<Map<String, Object>> rows = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT model, question, score, user_id, source FROM ratings ORDER BY id").mapToMap().list());
            assertThat(rows).extracting(r -> r.get("model") + " " + r.get("score") + " " + r.get("user_id") + " "
                    + r.get("source")).containsExactly("gpt-4o-mini 2 0 learn", "claude-3-5-haiku-latest 5 0 learn",
                    "gpt-4o 4 0 learn");
            assertThat(rows.getFirst().get("question")).isEqualTo("What is 17 * 23?");
        }
    }

    @Test
    void allGoodIsExitZeroAndARerunAddsTheEventsAgain() throws Exception {
        String line = "{\"text\": \"What is 2+2?\", \"model\": \"gpt-4o-mini\", \"rating\": 5}\n";
        assertThat(learn(line)).isZero();
        assertThat(learn(line)).isZero();
        try (Database db = Database.open(dir.resolve("chorus.db"))) {
            long count = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ratings").mapTo(Long.class)
                    .one());
            assertThat(count).isEqualTo(2);
        }
    }

    @Test
    void aBadConfigIsExitTwoWithOneLine() {
        CommandLineArgs args = CommandLineArgs.parse(new String[] {"learn", "--config", dir.resolve("nope").toString()});
        int code = LearnCommand.run(args, Map.of(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .contains("does not exist");
    }

    @Test
    void learnTakesNoQuestion() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CommandLineArgs.parse(new String[] {"learn", "hello"}))
                .hasMessageContaining("unknown argument 'hello'");
    }

    private int learn(String input) throws Exception {
        Path config = Files.write(dir.resolve("learn.properties"), List.of("db.path=" + dir.resolve("chorus.db")));
        CommandLineArgs args = CommandLineArgs.parse(new String[] {"learn", "--config", config.toString()});
        return LearnCommand.run(args, Map.of(), new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
