package dev.chorus.orchestration.analysis;

import dev.chorus.provider.ChatMessage;
import java.util.List;

/** Sorts a question into a domain and estimates how hard it is. Implementations are thread-safe. */
public interface TaskAnalyzer {

    /**
     * @param history the earlier turns of the conversation, oldest first; they count toward the
     *                prompt size but do not decide the domain
     */
    TaskProfile analyze(String question, List<ChatMessage> history);

    /**
     * An analyzer that sends no text off this machine: this one, unless it asks a remote model. For
     * chats set to keep everything local.
     */
    default TaskAnalyzer keepingTextLocal() {
        return this;
    }

    default TaskProfile analyze(String question) {
        return analyze(question, List.of());
    }
}
