package dev.chorus.orchestration.multi;

import java.util.Objects;

/**
 * One part of a master-worker run: what the master asked for, who solved it, and what came back.
 *
 * @param worker the model that solved it, or null before it is assigned
 * @param result its answer, or null when it has none (yet, or the worker failed)
 */
public record Subtask(int id, String description, String expected, String worker, String result) {
    public Subtask {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(expected, "expected");
    }

    Subtask assignedTo(String model) {
        return new Subtask(id, description, expected, model, result);
    }

    Subtask solved(String answer) {
        return new Subtask(id, description, expected, worker, answer);
    }
}
