package dev.chorus.orchestration.multi;

import dev.chorus.orchestration.Role;

import dev.chorus.orchestration.AnswerProgress;
import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.resilience.ChainResult;
import dev.chorus.provider.resilience.Deadline;
import java.util.List;
import java.util.Optional;

/**
 * The {@code verify} strategy: one model answers (the user watches it being written), a second one,
 * from another provider where there is one, checks it; when the check finds a real problem the
 * answerer revises its answer once, and the user is told it was. A check that fails or comes back out
 * of form twice leaves the answer unchecked, and says so. If the answerer fails, the checker answers.
 */
final class VerifyRun {
    static final String STRATEGY = "verify";

    private final MemberCalls calls;

    VerifyRun(MemberCalls calls) {
        this.calls = calls;
    }

    RunResult run(List<ChatMessage> conversation, String question, ModelSpec answerer, ModelSpec checker,
               RunRecord record, Deadline deadline, AnswerProgress progress) {
        ChainResult first = calls.call(answerer, record.add(answerer.id(), Role.ANSWER), conversation, record, deadline,
                progress);
        if (!MemberCalls.answered(first)) {
            ChainResult stand = calls.call(checker, record.add(checker.id(), Role.ANSWER), conversation, record,
                    deadline, progress);
            return MemberCalls.answered(stand)
                    ? RunResult.of(stand.text(), MultiOutcome.Ending.ONLY_ONE_ANSWERED, checker.id(),
                    List.of(answerer.id()))
                    : RunResult.nothing(List.of(answerer.id(), checker.id()));
        }
        Optional<Verification.Verdict> verdict = check(question, first.text(), checker, record, deadline);
        if (verdict.isEmpty()) {
            return RunResult.of(first.text(), MultiOutcome.Ending.UNCHECKED, answerer.id(), List.of());
        }
        if (verdict.get().ok()) {
            return RunResult.of(first.text(), MultiOutcome.Ending.CHECKED, answerer.id(), List.of());
        }
        List<String> problems = verdict.get().problems();
        ChainResult revised = calls.call(answerer, record.add(answerer.id(), Role.REVISE),
                Verification.revisePrompt(conversation, first.text(), problems), record, deadline, AnswerProgress.IGNORE);
        if (!MemberCalls.answered(revised)) {
            // the problems stand: the user gets the answer with what the checker found
            return RunResult.of(first.text(), MultiOutcome.Ending.UNCHECKED, answerer.id(), List.of())
                    .withProblems(problems);
        }
        return RunResult.of(revised.text(), MultiOutcome.Ending.REVISED, answerer.id(), List.of())
                .withProblems(problems);
    }

    /** The checker's verdict: asked once more if its reply is out of form, then given up. */
    private Optional<Verification.Verdict> check(String question, String answer, ModelSpec checker, RunRecord record,
                                                 Deadline deadline) {
        List<ChatMessage> prompt = Verification.checkPrompt(question, answer);
        for (int attempt = 0; attempt < 2 && !deadline.passed(); attempt++) {
            ChainResult reply = calls.call(checker, record.add(checker.id(), Role.CHECK), prompt, record, deadline,
                    AnswerProgress.IGNORE);
            if (!MemberCalls.answered(reply)) {
                return Optional.empty();
            }
            Optional<Verification.Verdict> verdict = Verification.parse(reply.text());
            if (verdict.isPresent()) {
                return verdict;
            }
        }
        return Optional.empty();
    }

}
