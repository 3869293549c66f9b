package dev.chorus.orchestration.multi;

/** What a model does in a multi-model run. */
public enum Role {
    /** Answers the question on its own, alongside the others. */
    ANSWER("answer"),
    /** Merges the others' answers into one. */
    MERGE("merge");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
