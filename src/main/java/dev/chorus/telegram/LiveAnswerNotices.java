package dev.chorus.telegram;

/** What a growing answer shows before it has any text. */
public final class LiveAnswerNotices {
    /** Shown when a model has not started answering after a while, so a slow model does not look like a dead bot. */
    public static final String WAITING = "⏳ Still waiting for the model to start answering…";

    private LiveAnswerNotices() {
    }
}
