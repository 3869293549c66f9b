package dev.chorus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.config.ConfigException;
import dev.chorus.config.ChorusConfig;
import dev.chorus.config.ConfigLoader;
import dev.chorus.orchestration.learning.LearnedQuality;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.startup.Learning;
import dev.chorus.orchestration.Ratings;
import dev.chorus.store.Database;
import dev.chorus.store.Databases;
import dev.chorus.store.JdbiRatings;
import dev.chorus.store.StoreException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code learn}: ratings from standard input, one JSON line each ({@code {"id": ..., "text": "...",
 * "model": "<model id>", "rating": 1-5}}), kept exactly as a {@code /rate} of that model's answer to
 * that text would be (user 0, chat 0), in the database at {@code db.path}. A bad line is named on
 * standard error by its number and skipped; the others are stored, in batches of one transaction.
 * Exit 0 when every line was stored, 1 when some were bad or the input broke off, 2 for a bad config.
 */
public final class LearnCommand {
    private static final int BATCH = 1_000;
    private static final int MAX_TEXT = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private LearnCommand() {
    }

    public static int run(CommandLineArgs args, Map<String, String> env, InputStream in, PrintStream err) {
        Database database;
        ModelCatalog catalog;
        try {
            ChorusConfig config = ConfigLoader.loadOffline(args.configFileToRead(), env);
            catalog = ModelCatalog.load(config.catalog());
            database = Databases.open(config);
        } catch (ConfigException | StoreException e) {
            err.println(e.getMessage());
            return 2;
        }
        try (database) {
            JdbiRatings ratings = new JdbiRatings(database, Clock.systemUTC());
            int status = learn(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), ratings,
                    id -> catalog.find(id).map(ModelSpec::id).orElse(id), err);
            // learn what was stored now, so that the bot and route start from it instead of replaying it
            try (LearnedQuality learned = Learning.open(database, catalog.all(), Clock.systemUTC())) {
                learned.save();
            }
            return status;
        } catch (StoreException e) {
            err.println("learn: stopped: " + e.getMessage());
            return 1;
        }
    }

    /** @param canonical a model id as the catalog spells it ("GPT-4o" → "gpt-4o"); an unknown id as given */
    static int learn(BufferedReader in, JdbiRatings ratings, java.util.function.UnaryOperator<String> canonical,
                     PrintStream err) {
        List<Ratings.Rating> batch = new ArrayList<>();
        long number = 0;
        long stored = 0;
        long bad = 0;
        try {
            String line;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    batch.add(parse(line, canonical));
                } catch (BadLine e) {
                    bad++;
                    err.println("learn: line " + number + ": " + e.getMessage() + "; skipped");
                    continue;
                }
                if (batch.size() == BATCH) {
                    ratings.recordAll(batch);
                    stored += batch.size();
                    batch.clear();
                }
            }
        } catch (IOException e) {
            err.println("learn: the input broke off after line " + number + " (" + e.getMessage() + ")");
            bad++;
        }
        ratings.recordAll(batch);
        stored += batch.size();
        err.println("learn: stored " + stored + " rating" + (stored == 1 ? "" : "s")
                + (bad > 0 ? ", skipped " + bad + " bad line" + (bad == 1 ? "" : "s") : ""));
        return bad == 0 ? 0 : 1;
    }

    private static Ratings.Rating parse(String line, java.util.function.UnaryOperator<String> canonical)
            throws BadLine {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            throw new BadLine("not a JSON object");
        }
        if (node == null || !node.isObject()) {
            throw new BadLine("not a JSON object");
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw new BadLine("\"text\" must be a non-empty string");
        }
        if (text.asText().length() > MAX_TEXT) {
            throw new BadLine("\"text\" is longer than " + MAX_TEXT + " characters");
        }
        JsonNode model = node.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw new BadLine("\"model\" must be a model id");
        }
        JsonNode rating = node.get("rating");
        // 4 and 4.0 are the same rating; 4.5 is not one
        if (rating == null || !rating.isNumber() || rating.asDouble() != Math.rint(rating.asDouble())
                || rating.asDouble() < 1 || rating.asDouble() > 5) {
            throw new BadLine("\"rating\" must be a whole number from 1 to 5");
        }
        return new Ratings.Rating(null, 0, 0, canonical.apply(model.asText().strip()), null, text.asText(), rating.asInt(), null,
                Ratings.Source.LEARN);
    }

    private static final class BadLine extends Exception {
        BadLine(String message) {
            super(message, null, false, false);
        }
    }
}
