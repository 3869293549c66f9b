package dev.chorus.orchestration;

/**
 * Receives an answer while it is generated, so a chat can show it growing. Called on the asking
 * thread, in order.
 */
@FunctionalInterface
public interface AnswerProgress {
    AnswerProgress IGNORE = delta -> { };

    void onText(String delta);
}
