package dev.chorus.orchestration.multi;

import java.util.List;
import java.util.Optional;

/**
 * Reads a master's plan, the strict JSON {@code {"subtasks": [{"id": 1, "description": "...",
 * "expected": "..."}]}}: 1 to {@value #MAX_SUBTASKS} subtasks with ids 1, 2, … in order, a description
 * of 1 to 600 characters and an expected output of 1 to 300. Anything else is no plan (empty).
 * Implemented where JSON is parsed.
 */
public interface PlanParser {
    int MAX_SUBTASKS = 4;

    Optional<List<Subtask>> parse(String reply);
}
