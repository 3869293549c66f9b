package dev.chorus.orchestration.multi;

import java.util.List;

/**
 * What a strategy's run produced, whatever the strategy.
 *
 * @param text the answer, or null when nothing usable came back (then {@code ending} and
 *     {@code answeredBy} are null too)
 * @param missing the members (or steps, or subtasks) that gave no result
 * @param problems what a checker found (verify), else empty
 * @param savedMicros what it saved against the strongest member alone (instruct; negative when it cost more)
 * @param parts how many subtasks the task was split into (master-worker), else 0
 */
record RunResult(String text, MultiOutcome.Ending ending, String answeredBy, List<String> missing,
                 List<String> problems, long savedMicros, int parts) {
    RunResult {
        missing = List.copyOf(missing);
        problems = List.copyOf(problems);
    }

    static RunResult of(String text, MultiOutcome.Ending ending, String answeredBy, List<String> missing) {
        return new RunResult(text, ending, answeredBy, missing, List.of(), 0, 0);
    }

    static RunResult nothing(List<String> missing) {
        return of(null, null, null, missing);
    }

    RunResult withProblems(List<String> found) {
        return new RunResult(text, ending, answeredBy, missing, found, savedMicros, parts);
    }

    RunResult withSaving(long micros) {
        return new RunResult(text, ending, answeredBy, missing, problems, micros, parts);
    }

    RunResult withParts(int count) {
        return new RunResult(text, ending, answeredBy, missing, problems, savedMicros, count);
    }
}
