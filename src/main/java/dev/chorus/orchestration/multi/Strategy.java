package dev.chorus.orchestration.multi;

import dev.chorus.provider.catalog.Domain;
import java.util.Locale;
import java.util.Optional;

/** How several models work on one question. */
public enum Strategy {
    /** Several answer at once; the strongest merges. */
    PARALLEL,
    /** One answers, another checks, and a real problem is revised once. */
    VERIFY,
    /** A strong model writes step-by-step instructions; a cheap one follows them. */
    INSTRUCT,
    /** A strong model splits the task, cheap workers solve the parts at once, the strong one assembles. */
    MASTER_WORKER,
    /** The admins' named steps (multi.pipeline), each with its model, one after another. */
    PIPELINE;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Strategy> of(String name) {
        for (Strategy s : values()) {
            if (s.key().equalsIgnoreCase(name.strip())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * The strategy for a task when none is asked for. Where an answer is right or wrong (code, maths,
     * reasoning, facts), a second model checking it catches what a merge of guesses would average;
     * where it is a matter of range and judgement (writing, creative work, summaries, translation,
     * conversation), several answers merged cover more ground.
     */
    public static Strategy forDomain(Domain domain) {
        return switch (domain) {
            case CODE, MATH, REASONING, FACTUAL -> VERIFY;
            case WRITING, CREATIVE, SUMMARIZATION, TRANSLATION, CHAT -> PARALLEL;
        };
    }

    /** The rule above in one line, for "Why these models?". */
    static dev.chorus.i18n.Phrase rule(Domain domain, Strategy chosen, boolean asked) {
        return asked || chosen != VERIFY && chosen != PARALLEL ? dev.chorus.i18n.Phrase.of("multi.rule.asked", chosen.key())
                : dev.chorus.i18n.Phrase.of("multi.rule.domain", chosen.key(), domain.key());
    }
}
