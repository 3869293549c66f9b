package dev.chorus.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.chorus.orchestration.multi.PlanParser;
import dev.chorus.orchestration.multi.Subtask;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link PlanParser} on Jackson. Strict on what would break the run (the shape, ids in order, the
 * lengths, the number of subtasks), lenient where it costs nothing: a Markdown fence around the object
 * and extra fields, which models add unasked and which would otherwise waste the one retry.
 */
public final class JsonPlanParser implements PlanParser {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern FENCED = Pattern.compile("(?s)^```[a-zA-Z]{0,10}\\s*\\n?(.*?)\\n?\\s*```$");

    @Override
    public Optional<List<Subtask>> parse(String reply) {
        if (reply == null) {
            return Optional.empty();
        }
        String body = reply.strip();
        Matcher fence = FENCED.matcher(body);
        if (fence.matches()) {
            body = fence.group(1).strip();
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        JsonNode items = root == null ? null : root.get("subtasks");
        if (items == null || !items.isArray() || items.isEmpty() || items.size() > MAX_SUBTASKS) {
            return Optional.empty();
        }
        List<Subtask> subtasks = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            JsonNode id = item.get("id");
            String description = text(item, "description", 600);
            String expected = text(item, "expected", 300);
            if (id == null || !id.isInt() || id.asInt() != i + 1 || description == null || expected == null) {
                return Optional.empty();
            }
            subtasks.add(new Subtask(id.asInt(), description, expected, null, null));
        }
        return Optional.of(List.copyOf(subtasks));
    }

    private static String text(JsonNode item, String field, int max) {
        JsonNode node = item.get(field);
        if (node == null || !node.isTextual()) {
            return null;
        }
        String value = node.asText().strip();
        return value.isEmpty() || value.length() > max ? null : value;
    }
}
