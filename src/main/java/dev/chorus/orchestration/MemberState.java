package dev.chorus.orchestration;

/** Where a member of a run is. */
public enum MemberState {
    WAITING("waiting"),
    WRITING("writing"),
    DONE("done"),
    FAILED("failed"),
    CANCELLED("cancelled");

    private final String label;

    MemberState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean over() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
