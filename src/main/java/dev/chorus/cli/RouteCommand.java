package dev.chorus.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.chorus.config.ConfigException;
import dev.chorus.config.ConfigLoader;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code chorus.jar route}: reads questions from standard input, one per line, either plain text or a
 * JSON object {@code {"id": ..., "text": ...}}, and prints one JSON line per question as soon as it
 * is read (so it can sit in a pipeline and answer interactively). Calls no model. A line it cannot
 * read gets {@code {"id": ..., "error": ...}} and the next line is read as usual; blank lines are
 * skipped. Plain lines, and JSON lines without an id, get their 1-based line number as id.
 */
public final class RouteCommand {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS) // echo an id like 1.50 as given
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION) // the question stays out of error text
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private final OfflineRouter router;

    public RouteCommand(OfflineRouter router) {
        this.router = router;
    }

    /**
     * Runs the command: 0 at the end of the input, 2 for a bad config (one line on {@code err}), 1
     * when the input cannot be read or the output written (a closed pipe).
     */
    public static int run(CommandLineArgs args, Map<String, String> env, InputStream in, OutputStream out,
                          PrintStream err) {
        OfflineRouter router;
        try {
            router = OfflineRouter.fromConfig(ConfigLoader.loadOffline(args.configFileToRead(), env), args.mode());
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        try (router) {
            new RouteCommand(router).stream(reader, writer);
            return 0;
        } catch (IOException e) {
            err.println("route: stopped: cannot read the input or write the output (" + e.getMessage() + ")");
            return 1;
        }
    }

    /** Answers every line of {@code in} on {@code out}, flushing after each; returns how many lines it answered. */
    public long stream(BufferedReader in, Writer out) throws IOException {
        long answered = 0;
        long number = 0;
        String line;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            out.write(JSON.writeValueAsString(answer(line, number)));
            out.write('\n');
            out.flush();
            answered++;
        }
        return answered;
    }

    /** The output for one non-blank input line. */
    JsonNode answer(String line, long number) {
        JsonNode id = LongNode.valueOf(number);
        String text = line;
        if (line.stripLeading().startsWith("{")) {
            JsonNode object;
            try {
                object = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                return RouteJson.error(id, "invalid JSON: " + firstLine(e.getOriginalMessage()));
            }
            JsonNode given = object.get("id");
            if (given != null && !given.isNull()) {
                if (!given.isTextual() && !given.isNumber()) {
                    return RouteJson.error(id, "\"id\" must be a string or a number");
                }
                id = given;
            }
            JsonNode question = object.get("text");
            if (question == null || !question.isTextual() || question.asText().isBlank()) {
                return RouteJson.error(id, "missing \"text\": expected {\"id\": ..., \"text\": \"the question\"}");
            }
            text = question.asText();
        }
        try {
            return RouteJson.routed(id, router.route(text));
        } catch (RuntimeException e) {
            // one odd question must not end a run over thousands
            return RouteJson.error(id, "cannot route this question: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())));
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
