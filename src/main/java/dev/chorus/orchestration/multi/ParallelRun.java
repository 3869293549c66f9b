package dev.chorus.orchestration.multi;

import dev.chorus.orchestration.Role;

import dev.chorus.orchestration.AnswerProgress;
import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.resilience.ChainResult;
import dev.chorus.provider.resilience.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code parallel} strategy: every member answers at once, each on its own virtual thread
 * under its own deadline; once the first answer is complete the others get a grace period, then
 * whoever is still writing is cancelled (its connection closed, its tokens settled). A merger then
 * combines the answers, saying where they agree and where they differ. When the merger fails or the
 * time is up, the best single answer goes out, labelled as such. Nothing runs on after it returns.
 */
final class ParallelRun {
    static final String STRATEGY = "parallel";

    private final MemberCalls calls;
    private final Duration grace;

    ParallelRun(MemberCalls calls, Duration grace) {
        this.calls = calls;
        this.grace = grace;
    }

    /** A member's answer, or why it has none. */
    record MemberAnswer(ModelSpec model, String text, double quality) {
    }

    /**
     * @param members the models that answer, best first
     * @param qualities each member's expected quality for the task, in the same order
     * @param merger the model that merges
     * @param progress receives the merged answer as it streams
     */
    RunResult run(List<ChatMessage> conversation, String question, List<ModelSpec> members, List<Double> qualities,
               ModelSpec merger, RunRecord record, Deadline deadline, AnswerProgress progress) {
        List<Deadline> memberDeadlines = new ArrayList<>();
        List<CompletableFuture<ChainResult>> answers = new ArrayList<>();
        CompletableFuture<Void> firstDone = new CompletableFuture<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ModelSpec member : members) {
                int index = record.add(member.id(), Role.ANSWER);
                Deadline own = Deadline.in(deadline.remaining());
                memberDeadlines.add(own);
                answers.add(CompletableFuture.supplyAsync(() -> {
                    ChainResult result = calls.call(member, index, conversation, record, own, AnswerProgress.IGNORE);
                    if (result.answeredBy().isPresent()) {
                        firstDone.complete(null);
                    }
                    return result;
                }, threads));
            }
            awaitAnswers(answers, firstDone, deadline);
            // Stragglers are cancelled, not abandoned: their calls end, settle, and their threads finish here.
            for (int i = 0; i < answers.size(); i++) {
                if (!answers.get(i).isDone()) {
                    memberDeadlines.get(i).end();
                }
            }
        }
        List<MemberAnswer> got = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            ChainResult result = answers.get(i).join();
            if (MemberCalls.answered(result)) {
                got.add(new MemberAnswer(members.get(i), result.text(), qualities.get(i)));
            } else {
                missing.add(members.get(i).id());
            }
        }
        if (got.isEmpty()) {
            return RunResult.nothing(missing);
        }
        MemberAnswer best = got.stream().max(java.util.Comparator.comparingDouble(MemberAnswer::quality)).orElseThrow();
        if (got.size() == 1 || deadline.passed()) {
            progress.onText(best.text());
            return RunResult.of(best.text(), got.size() == 1 ? MultiOutcome.Ending.ONLY_ONE_ANSWERED
                    : MultiOutcome.Ending.OUT_OF_TIME, best.model().id(), missing);
        }
        int index = record.add(merger.id(), Role.MERGE);
        List<ChatMessage> prompt = Merging.prompt(conversation, question, got);
        ChainResult merged = calls.call(merger, index, prompt, record, deadline, progress);
        if (MemberCalls.answered(merged)) {
            return RunResult.of(merged.text(), MultiOutcome.Ending.MERGED, merger.id(), missing);
        }
        // The merger wrote nothing usable: the best single answer goes out instead.
        String shown = merged.text().isEmpty() ? best.text() : "\n\n" + best.text();
        progress.onText(shown);
        return RunResult.of(best.text(), deadline.passed() ? MultiOutcome.Ending.OUT_OF_TIME
                : MultiOutcome.Ending.MERGE_FAILED, best.model().id(), missing);
    }

    private void awaitAnswers(List<CompletableFuture<ChainResult>> answers, CompletableFuture<Void> firstDone,
                              Deadline deadline) {
        CompletableFuture<Void> all = CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new));
        try {
            CompletableFuture.anyOf(all, firstDone).get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
            if (!all.isDone()) {
                Duration wait = deadline.bound(grace);
                all.get(wait.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            // the time is up: whoever is still writing is cancelled by the caller
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a member failed unexpectedly", e.getCause());
        }
    }

}
