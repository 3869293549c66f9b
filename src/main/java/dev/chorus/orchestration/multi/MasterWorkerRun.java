package dev.chorus.orchestration.multi;

import dev.chorus.orchestration.AnswerProgress;
import dev.chorus.orchestration.Role;
import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.resilience.ChainResult;
import dev.chorus.provider.resilience.Deadline;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The {@code master-worker} strategy: the master (the strongest model allowed) splits the task into
 * at most four subtasks as strict JSON (asked once more if out of form, else it answers the question
 * whole); the workers (the cheapest others, in turn) solve the subtasks at once; the master puts the
 * results together. A subtask whose worker failed is left out, and the answer says which.
 */
final class MasterWorkerRun {
    static final String STRATEGY = "master-worker";
    static final String PLAN = "Split the user's task into at most 4 independent subtasks that other assistants can "
            + "solve separately. Reply with JSON only, in exactly this form: {\"subtasks\": [{\"id\": 1, "
            + "\"description\": \"what to do\", \"expected\": \"what to deliver\"}]} with ids 1, 2, ... in order.";
    static final String WORK = "You solve one part of a larger task for the user. Deliver exactly what is asked, "
            + "nothing more.";
    static final String ASSEMBLE = "Other assistants solved parts of the user's task. Put their results together "
            + "into one complete answer for the user, in one voice, fixing what does not fit. The task:\n";

    private final MemberCalls calls;
    private final PlanParser parser;

    MasterWorkerRun(MemberCalls calls, PlanParser parser) {
        this.calls = calls;
        this.parser = parser;
    }

    RunResult run(List<ChatMessage> conversation, String question, ModelSpec master, List<ModelSpec> workers,
               RunRecord record, Deadline deadline, AnswerProgress progress) {
        Optional<List<Subtask>> plan = plan(question, master, record, deadline);
        if (plan.isEmpty()) {
            ChainResult whole = calls.call(master, record.add(master.id(), Role.ANSWER), conversation, record, deadline,
                    progress);
            return MemberCalls.answered(whole)
                    ? RunResult.of(whole.text(), MultiOutcome.Ending.UNPLANNED, master.id(), List.of())
                    : RunResult.nothing(List.of(master.id()));
        }
        List<Subtask> solved = solve(question, plan.get(), workers, record, deadline);
        List<String> missing = solved.stream().filter(s -> s.result() == null)
                .map(s -> "subtask " + s.id() + " (" + s.worker() + ")").toList();
        if (solved.stream().allMatch(s -> s.result() == null)) {
            return RunResult.nothing(missing).withParts(solved.size());
        }
        StringBuilder parts = new StringBuilder(ASSEMBLE).append(question);
        for (Subtask s : solved) {
            if (s.result() != null) {
                parts.append("\n\nPart ").append(s.id()).append(" (").append(s.description()).append("):\n")
                        .append(s.result());
            }
        }
        List<ChatMessage> assemble = new ArrayList<>(conversation.subList(0, conversation.size() - 1));
        assemble.add(ChatMessage.user(parts.toString()));
        ChainResult answer = calls.call(master, record.add(master.id(), Role.ASSEMBLE), assemble, record, deadline,
                progress);
        if (MemberCalls.answered(answer)) {
            return RunResult.of(answer.text(), MultiOutcome.Ending.ASSEMBLED, master.id(), missing)
                    .withParts(solved.size());
        }
        // the master could not assemble: the parts go out as they are, in order
        String joined = String.join("\n\n", solved.stream().filter(s -> s.result() != null).map(Subtask::result).toList());
        progress.onText(joined);
        return RunResult.of(joined, MultiOutcome.Ending.MERGE_FAILED, master.id(), missing).withParts(solved.size());
    }

    private Optional<List<Subtask>> plan(String question, ModelSpec master, RunRecord record, Deadline deadline) {
        List<ChatMessage> prompt = List.of(ChatMessage.system(PLAN), ChatMessage.user(question));
        for (int attempt = 0; attempt < 2 && !deadline.passed(); attempt++) {
            ChainResult reply = calls.call(master, record.add(master.id(), Role.PLAN), prompt, record, deadline,
                    AnswerProgress.IGNORE);
            if (!MemberCalls.answered(reply)) {
                return Optional.empty();
            }
            Optional<List<Subtask>> plan = parser.parse(reply.text());
            if (plan.isPresent()) {
                return plan;
            }
        }
        return Optional.empty();
    }

    private List<Subtask> solve(String question, List<Subtask> plan, List<ModelSpec> workers, RunRecord record,
                                Deadline deadline) {
        List<CompletableFuture<Subtask>> running = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < plan.size(); i++) {
                ModelSpec worker = workers.get(i % workers.size());
                Subtask task = plan.get(i).assignedTo(worker.id());
                int index = record.add(worker.id(), Role.SUBTASK);
                List<ChatMessage> prompt = List.of(ChatMessage.system(WORK), ChatMessage.user("The whole task: "
                        + question + "\n\nYour part: " + task.description() + "\nDeliver: " + task.expected()));
                running.add(CompletableFuture.supplyAsync(() -> {
                    ChainResult result = calls.call(worker, index, prompt, record, deadline, AnswerProgress.IGNORE);
                    return MemberCalls.answered(result) ? task.solved(result.text()) : task;
                }, threads));
            }
        }
        return running.stream().map(CompletableFuture::join).toList();
    }

}
