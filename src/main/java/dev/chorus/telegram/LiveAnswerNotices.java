package dev.chorus.telegram;

/** What a growing answer shows before it has any text. */
public final class LiveAnswerNotices {
    /**
     * Shown when a model has not started answering after a while, so a slow model does not look like a
     * dead bot; this is the English one, the asker's own comes with the answer (answer.waiting).
     */
    public static final String WAITING = dev.chorus.i18n.Texts.english().get("answer.waiting");

    private LiveAnswerNotices() {
    }
}
