package dev.chorus.orchestration.analysis;

import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.TokenEstimator;
import dev.chorus.provider.catalog.Domain;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Profiles a question from its text alone, in well under a millisecond once the tokenizer has
 * loaded: keyword cues in English and Russian, the shape of code and formulas, and structural
 * signals for complexity. No model, no network, so it is also the fallback for {@link ModelAnalyzer}
 * and the only source of {@link Needs}. Thread-safe.
 */
public final class DeterministicAnalyzer implements TaskAnalyzer {
    /** Below this much evidence the words say too little to name a domain. */
    private static final double MIN_EVIDENCE = 1.0;
    /** Evidence at which a clear winner earns full confidence. */
    private static final double STRONG_EVIDENCE = 6.0;
    private static final double FLOOR_CONFIDENCE = 0.2;

    private final DomainScorer scorer = new DomainScorer();
    private final ComplexityEstimator complexity = new ComplexityEstimator();
    private final LanguageDetector languages = new LanguageDetector();
    private final PrivateDataDetector privacy = new PrivateDataDetector();
    private final NeedSignals signals;

    /** @param clock decides which years count as "current" for freshness */
    public DeterministicAnalyzer(Clock clock) {
        this.signals = new NeedSignals(Objects.requireNonNull(clock, "clock"));
    }

    public DeterministicAnalyzer() {
        this(Clock.systemUTC());
    }

    @Override
    public TaskProfile analyze(String question, List<ChatMessage> history) {
        Objects.requireNonNull(question, "question");
        Text text = Text.of(question);
        Needs needs = needs(text, question, history);
        Map<Domain, Double> scores = scorer.score(text);
        Domain domain = best(scores);
        double top = scores.get(domain);
        Domain chosen = top < MIN_EVIDENCE ? withoutEvidence(text) : domain;
        double c = complexity.estimate(text, chosen, needs.multiStep(), needs.promptTokens());
        return new TaskProfile(chosen, c, needs, languages.detect(text.prose),
                confidence(top, runnerUp(scores, domain)), TaskProfile.Source.DETERMINISTIC);
    }

    /** The topic-independent requirements; {@link ModelAnalyzer} takes these and nothing else from here. */
    public Needs needs(String question, List<ChatMessage> history) {
        return needs(Text.of(question), question, history);
    }

    private Needs needs(Text text, String question, List<ChatMessage> history) {
        List<ChatMessage> conversation = new ArrayList<>(history);
        conversation.add(ChatMessage.user(question));
        List<PrivateData> found = new ArrayList<>(privacy.detect(question));
        // a key pasted two turns ago is still in the prompt that goes out
        for (ChatMessage turn : history) {
            found.addAll(privacy.detect(turn.content()));
        }
        return Needs.of(TokenEstimator.estimate(conversation), found, signals.freshness(text), signals.multiStep(text));
    }

    /**
     * With no cue at all, a short remark is small talk and anything longer or asked as a question is
     * most likely a plain request for information.
     */
    private static Domain withoutEvidence(Text text) {
        return text.prose.contains("?") || text.words.size() > 8 ? Domain.FACTUAL : Domain.CHAT;
    }

    private static Domain best(Map<Domain, Double> scores) {
        Domain best = Domain.CHAT;
        double top = -1;
        for (Map.Entry<Domain, Double> e : scores.entrySet()) {
            if (e.getValue() > top) {
                best = e.getKey();
                top = e.getValue();
            }
        }
        return best;
    }

    private static double runnerUp(Map<Domain, Double> scores, Domain winner) {
        double second = 0;
        for (Map.Entry<Domain, Double> e : scores.entrySet()) {
            if (e.getKey() != winner) {
                second = Math.max(second, e.getValue());
            }
        }
        return second;
    }

    /**
     * High only when the winner both stands well clear of the runner-up and has plenty of evidence
     * of its own: a margin over near-zero scores is luck, not knowledge.
     */
    static double confidence(double top, double second) {
        if (top < MIN_EVIDENCE) {
            return FLOOR_CONFIDENCE;
        }
        double margin = (top - second) / top;
        double strength = Math.min(1.0, top / STRONG_EVIDENCE);
        return FLOOR_CONFIDENCE + (0.95 - FLOOR_CONFIDENCE) * margin * strength;
    }
}
