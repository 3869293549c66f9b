package dev.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One process routes tens of thousands of lines: the analyzer and engine are built once, not per line. */
class RouteThroughputTest {
    private static final int LINES = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void routesTwentyThousandLinesInOneRun() throws IOException {
        List<String> questions = labelledQuestions();
        StringBuilder input = new StringBuilder(LINES * 120);
        for (int i = 0; i < LINES; i++) {
            String text = questions.get(i % questions.size());
            // multi-line questions can only come as JSON; every other single-line one comes as plain text
            if (text.contains("\n") || i % 2 == 0) {
                input.append(JSON.writeValueAsString(java.util.Map.of("id", "q" + i, "text", text)));
            } else {
                input.append(text);
            }
            input.append('\n');
        }
        byte[] bytes = input.toString().getBytes(StandardCharsets.UTF_8);

        RouteCommandTest.Run run = RouteCommandTest.route(new ByteArrayInputStream(bytes), "route", "--config",
                RouteCommandTest.twoModelConfig(dir).toString());

        assertThat(run.code()).isZero();
        List<JsonNode> lines = run.lines();
        assertThat(lines).hasSize(LINES);
        assertThat(lines).allSatisfy(line -> assertThat(line.has("error")).as(line.toString()).isFalse());
        assertThat(lines.get(0).get("id").asText()).isEqualTo("q0");
        assertThat(lines.get(LINES - 1).get("id").asText()).isIn("q" + (LINES - 1), String.valueOf(LINES));
        assertThat(lines.stream().map(l -> l.get("model").asText()).distinct()).containsExactlyInAnyOrder("cheap",
                "strong");
    }

    private static List<String> labelledQuestions() throws IOException {
        List<String> texts = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(RouteThroughputTest.class.getResourceAsStream(
                "/analysis/questions.jsonl"), "questions.jsonl");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    texts.add(JSON.readTree(line).get("text").asText());
                }
            }
        }
        return texts;
    }
}
