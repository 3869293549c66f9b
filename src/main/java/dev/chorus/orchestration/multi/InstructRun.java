package dev.chorus.orchestration.multi;

import dev.chorus.orchestration.AnswerProgress;
import dev.chorus.orchestration.Role;
import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.Usage;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.resilience.ChainResult;
import dev.chorus.provider.resilience.Deadline;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code instruct} strategy: a strong model writes short step-by-step instructions for the
 * question (not the answer), and a cheap model writes the answer following them, so most of the
 * tokens are the cheap model's. What that saved is the strong model's price for the same answer less
 * what the run cost. If the instructions fail, the cheap model answers alone; if the cheap model
 * fails, the strong one answers.
 */
final class InstructRun {
    static final String STRATEGY = "instruct";
    static final String PLAN = "Write short, numbered, step-by-step instructions that another, less capable "
            + "assistant can follow to answer the user's question well: what to cover, in which order, what to "
            + "check, which mistakes to avoid, and the form of the answer. Do not answer the question yourself.";
    static final String FOLLOW = "Answer the user's question following these instructions from an expert. Do not "
            + "mention the instructions.\n\n";

    private final MemberCalls calls;

    InstructRun(MemberCalls calls) {
        this.calls = calls;
    }

    RunResult run(List<ChatMessage> conversation, String question, ModelSpec strong, ModelSpec cheap, RunRecord record,
               Deadline deadline, AnswerProgress progress) {
        List<ChatMessage> planPrompt = List.of(ChatMessage.system(PLAN), ChatMessage.user(question));
        ChainResult plan = calls.call(strong, record.add(strong.id(), Role.INSTRUCT), planPrompt, record, deadline,
                AnswerProgress.IGNORE);
        List<ChatMessage> follow = new ArrayList<>(conversation);
        if (MemberCalls.answered(plan)) {
            follow.set(0, ChatMessage.system(conversation.getFirst().content() + "\n\n" + FOLLOW + plan.text()));
        }
        ChainResult answer = calls.call(cheap, record.add(cheap.id(), Role.ANSWER), follow, record, deadline, progress);
        if (MemberCalls.answered(answer)) {
            long output = answer.attempts().getFirst().usage().outputTokens();
            long input = answer.attempts().getFirst().usage().inputTokens();
            long alone = strong.price().costMicros(Usage.estimated(input, output));
            long saved = alone - record.costMicros();
            return RunResult.of(answer.text(), MemberCalls.answered(plan) ? MultiOutcome.Ending.INSTRUCTED
                    : MultiOutcome.Ending.ONLY_ONE_ANSWERED, cheap.id(),
                    MemberCalls.answered(plan) ? List.of() : List.of(strong.id())).withSaving(saved);
        }
        ChainResult alone = calls.call(strong, record.add(strong.id(), Role.ANSWER), conversation, record, deadline,
                progress);
        return MemberCalls.answered(alone)
                ? RunResult.of(alone.text(), MultiOutcome.Ending.ONLY_ONE_ANSWERED, strong.id(), List.of(cheap.id()))
                : RunResult.nothing(List.of(strong.id(), cheap.id()));
    }

}
