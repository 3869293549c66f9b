package dev.chorus.orchestration.multi;

import dev.chorus.orchestration.Step;

import dev.chorus.orchestration.AskOutcome;
import java.time.Duration;
import java.util.List;

/** How a multi-model run ended. */
public sealed interface MultiOutcome {

    /**
     * An answer went out.
     *
     * @param ending whether the answers were merged, or why the best single answer went out instead
     * @param answeredBy the merger, or the member whose answer went out
     * @param missing members that gave no answer, by model id
     * @param problems what a checker found in the first answer (verify), else empty
     * @param savedMicros what the run saved against its strongest member answering alone (instruct; negative
     *     when it cost more), else 0
     * @param steps every member's part, for the footer and the trace
     */
    record Answered(String strategy, String text, Ending ending, String answeredBy, List<String> missing,
                    List<String> problems, List<Step> steps, long costMicros, Duration took, AskOutcome.Routing routing,
                    long savedMicros)
            implements MultiOutcome {
        public Answered {
            missing = List.copyOf(missing);
            problems = List.copyOf(problems);
            steps = List.copyOf(steps);
        }
    }

    /** How the members' answers became the one that went out. */
    enum Ending {
        /** The merger combined them. */
        MERGED,
        /** Only one member answered: its answer went out as it was. */
        ONLY_ONE_ANSWERED,
        /** The merger failed: the best single answer went out. */
        MERGE_FAILED,
        /** The time was up before the merge: the best single answer went out. */
        OUT_OF_TIME,
        /** A second model checked the answer and found no real problem. */
        CHECKED,
        /** A second model found a real problem and the answer was revised once. */
        REVISED,
        /** The check could not be made (the checker failed or answered out of form): the answer went out unchecked. */
        UNCHECKED,
        /** A cheap model answered following a strong model's instructions. */
        INSTRUCTED,
        /** Workers solved the master's subtasks and the master put them together. */
        ASSEMBLED,
        /** The master's plan never came in form: it answered the question whole. */
        UNPLANNED,
        /** Every step of the pipeline ran; the last one's output is the answer. */
        PIPELINED
    }

    /** No member answered; {@code steps} says what each one did. */
    record Failed(String strategy, List<Step> steps, long costMicros) implements MultiOutcome {
        public Failed {
            steps = List.copyOf(steps);
        }
    }

    /** Fewer than two models can take the question: it was answered as by /ask. */
    record Single(AskOutcome outcome) implements MultiOutcome {
    }

    /** The run's worst case is above what the asker confirms without being asked: nothing was spent yet. */
    record NeedsConfirmation(String strategy, int members, long worstCaseMicros) implements MultiOutcome {
    }

    /** The run could not start; {@code message} says why, for the user (budget, no model, private data). */
    record NotRun(dev.chorus.i18n.Phrase message) implements MultiOutcome {
    }
}
