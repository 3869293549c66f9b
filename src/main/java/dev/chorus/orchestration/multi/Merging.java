package dev.chorus.orchestration.multi;

import dev.chorus.provider.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/** The prompt that asks one model to merge several answers to the same question. */
final class Merging {
    static final String INSTRUCTION = "Several assistants answered the user's last question independently. "
            + "Write one answer for the user that keeps what is right in them: combine their points, correct "
            + "what is wrong, and say briefly where they agree and where they differ. Do not mention the "
            + "assistants by number; write as one voice, in the user's language.";

    private Merging() {
    }

    static List<ChatMessage> prompt(List<ChatMessage> conversation, String question,
                                    List<ParallelRun.MemberAnswer> answers) {
        List<ChatMessage> messages = new ArrayList<>(conversation.subList(0, conversation.size() - 1));
        StringBuilder text = new StringBuilder(INSTRUCTION).append("\n\nThe question:\n").append(question);
        for (int i = 0; i < answers.size(); i++) {
            text.append("\n\nAnswer ").append(i + 1).append(":\n").append(answers.get(i).text());
        }
        messages.add(ChatMessage.user(text.toString()));
        return messages;
    }
}
