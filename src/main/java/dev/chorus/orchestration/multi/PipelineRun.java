package dev.chorus.orchestration.multi;

import dev.chorus.orchestration.AnswerProgress;
import dev.chorus.orchestration.Role;
import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.resilience.ChainResult;
import dev.chorus.provider.resilience.Deadline;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code pipeline} strategy: the admins' named steps (such as draft, critique, final), each with
 * its model, one after another; each step sees the question and what the steps before it wrote, and
 * the last step's output is the answer. A step that fails stops the pipeline: the last output so far
 * goes out, labelled.
 */
final class PipelineRun {
    static final String STRATEGY = "pipeline";

    private final MemberCalls calls;

    PipelineRun(MemberCalls calls) {
        this.calls = calls;
    }

    RunResult run(List<ChatMessage> conversation, String question, List<PipelineStep> steps, List<ModelSpec> models,
               RunRecord record, Deadline deadline, AnswerProgress progress) {
        String names = String.join(" → ", steps.stream().map(PipelineStep::name).toList());
        List<String> outputs = new ArrayList<>();
        String last = null;
        for (int i = 0; i < steps.size(); i++) {
            boolean final_ = i == steps.size() - 1;
            List<ChatMessage> prompt = new ArrayList<>(conversation.subList(0, conversation.size() - 1));
            StringBuilder text = new StringBuilder("You are the \"").append(steps.get(i).name())
                    .append("\" step of a pipeline (").append(names).append(") that answers the user's question.")
                    .append(final_ ? " Write what the user will read." : " Do your step only.")
                    .append("\n\nThe question:\n").append(question);
            for (int j = 0; j < outputs.size(); j++) {
                text.append("\n\nThe \"").append(steps.get(j).name()).append("\" step wrote:\n").append(outputs.get(j));
            }
            prompt.add(ChatMessage.user(text.toString()));
            ChainResult result = calls.call(models.get(i), record.add(models.get(i).id(), Role.STEP, steps.get(i).name()), prompt, record,
                    deadline, final_ ? progress : AnswerProgress.IGNORE);
            if (!MemberCalls.answered(result)) {
                if (last == null) {
                    return RunResult.nothing(List.of(steps.get(i).name()));
                }
                progress.onText(last);
                return RunResult.of(last, MultiOutcome.Ending.MERGE_FAILED, models.get(i - 1).id(),
                        List.of(steps.get(i).name() + " (" + models.get(i).id() + ")"));
            }
            last = result.text();
            outputs.add(last);
        }
        return RunResult.of(last, MultiOutcome.Ending.PIPELINED, models.getLast().id(), List.of());
    }

}
