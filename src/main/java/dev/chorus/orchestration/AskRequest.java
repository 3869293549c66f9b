package dev.chorus.orchestration;

import dev.chorus.orchestration.delegation.Preferences;
import dev.chorus.provider.ChatMessage;
import java.util.List;
import java.util.Objects;

/**
 * One question with what it needs for routing.
 *
 * @param history earlier turns of the conversation, oldest first (no system prompt)
 * @param cloudAllowed the user agreed to send private data to a cloud model for this question
 */
public record AskRequest(Asker asker, String question, List<ChatMessage> history, Preferences preferences,
                         boolean cloudAllowed) {
    public AskRequest {
        Objects.requireNonNull(asker, "asker");
        Objects.requireNonNull(question, "question");
        history = List.copyOf(history);
        Objects.requireNonNull(preferences, "preferences");
    }

    public static AskRequest simple(Asker asker, String question) {
        return new AskRequest(asker, question, List.of(), dev.chorus.orchestration.delegation.Preferences.DEFAULT, false);
    }
}
