package dev.chorus.orchestration;

/** What a model does in a multi-model run. */
public enum Role {
    /** Answers the question on its own, alongside the others. */
    ANSWER("answer"),
    /** Merges the others' answers into one. */
    MERGE("merge"),
    /** Checks another model's answer for real problems. */
    CHECK("check"),
    /** Rewrites its answer to fix the problems a check found. */
    REVISE("revise"),
    /** Writes step-by-step instructions for a cheaper model to follow. */
    INSTRUCT("instruct"),
    /** Splits the task into subtasks (master-worker). */
    PLAN("plan"),
    /** Solves one subtask (master-worker). */
    SUBTASK("subtask"),
    /** Puts the subtasks' results together into the answer (master-worker). */
    ASSEMBLE("assemble"),
    /** One named step of an admin's pipeline. */
    STEP("step");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
