package dev.chorus.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.orchestration.multi.PlanParser;
import dev.chorus.orchestration.multi.Subtask;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link PlanParser} on Jackson. Strict on what would break the run (the shape, ids in order, the
 * lengths, the number of subtasks), lenient where it costs nothing: a Markdown fence around the object
 * and extra fields, which models add unasked and which would otherwise waste the one retry.
 */
public final class JsonPlanParser implements PlanParser {

    @Override
    public Optional<List<Subtask>> parse(String reply) {
        if (reply == null) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = ModelJson.read(reply);
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
