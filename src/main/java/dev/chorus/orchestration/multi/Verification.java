package dev.chorus.orchestration.multi;

import dev.chorus.provider.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checker's prompt and its strict reply format: a first line {@code VERDICT: OK} or
 * {@code VERDICT: PROBLEM}, then for a problem one line per issue starting with "- ". Anything else
 * is out of form: the check is asked once more, then given up, and the answer goes out unchecked.
 */
final class Verification {
    static final String INSTRUCTION = "You are checking another assistant's answer to the user's question for "
            + "real problems: factual errors, wrong reasoning or calculations, code that would not work, or a "
            + "missed part of the question. Style and wording are not problems. Reply in exactly this form and "
            + "nothing else:\nVERDICT: OK\nor\nVERDICT: PROBLEM\n- <one problem per line, specific>";
    static final String REVISE = "A reviewer found these problems in your answer. Write the corrected answer in "
            + "full, for the user, without mentioning the review:";
    private static final Pattern FIRST = Pattern.compile("^\\s*VERDICT:\\s*(OK|PROBLEM)\\s*$", Pattern.MULTILINE);

    private Verification() {
    }

    /** What the checker said. */
    record Verdict(boolean ok, List<String> problems) {
        Verdict {
            problems = List.copyOf(problems);
        }
    }

    static List<ChatMessage> checkPrompt(String question, String answer) {
        return List.of(ChatMessage.system(INSTRUCTION),
                ChatMessage.user("The question:\n" + question + "\n\nThe answer to check:\n" + answer));
    }

    static List<ChatMessage> revisePrompt(List<ChatMessage> conversation, String answer, List<String> problems) {
        List<ChatMessage> messages = new ArrayList<>(conversation);
        messages.add(ChatMessage.assistant(answer));
        messages.add(ChatMessage.user(REVISE + "\n- " + String.join("\n- ", problems)));
        return messages;
    }

    /** The verdict, or empty when the reply is out of form (no verdict line first, a problem without issues). */
    static Optional<Verdict> parse(String reply) {
        if (reply == null) {
            return Optional.empty();
        }
        String text = reply.strip();
        Matcher first = FIRST.matcher(text);
        if (!first.find() || first.start() != 0) {
            return Optional.empty();
        }
        if (first.group(1).equals("OK")) {
            return Optional.of(new Verdict(true, List.of()));
        }
        List<String> problems = text.substring(first.end()).lines().map(String::strip)
                .filter(l -> l.startsWith("- ") || l.startsWith("* ")).map(l -> l.substring(2).strip())
                .filter(l -> !l.isEmpty()).limit(10).toList();
        return problems.isEmpty() ? Optional.empty() : Optional.of(new Verdict(false, problems));
    }
}
