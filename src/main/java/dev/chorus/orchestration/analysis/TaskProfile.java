package dev.chorus.orchestration.analysis;

import dev.chorus.provider.catalog.Domain;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What kind of task a question is and how hard, which is what picking the cheapest adequate model
 * depends on.
 *
 * <p>Complexity bands: {@link Band#LOW} below {@value #MEDIUM_FROM}, {@link Band#MEDIUM} from
 * {@value #MEDIUM_FROM} and below {@value #HIGH_FROM}, {@link Band#HIGH} from {@value #HIGH_FROM}.
 * The delegation engine escalates to a strong model above {@value #HIGH_FROM}.
 *
 * @param domain     the single best-fitting domain
 * @param complexity 0 (a greeting) to 1 (a research-level proof); how likely a cheap model fails it
 * @param needs      requirements independent of the topic
 * @param language   ISO 639-1 code of the language the user writes in, or {@code "und"} if unknown
 * @param confidence 0 to 1, how sure the analyzer is of {@code domain}
 * @param source     which analyzer decided domain, complexity and language
 */
public record TaskProfile(Domain domain, double complexity, Needs needs, String language, double confidence,
                          Source source) {

    public static final double MEDIUM_FROM = 0.35;
    public static final double HIGH_FROM = 0.7;
    public static final String UNDETERMINED = "und";

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}|und");

    public TaskProfile {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(needs, "needs");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(source, "source");
        requireUnit("complexity", complexity);
        requireUnit("confidence", confidence);
        if (!LANGUAGE.matcher(language).matches()) {
            throw new IllegalArgumentException("language must be an ISO 639-1 code or und: " + language);
        }
    }

    /** This profile for a prompt of {@code tokens}: the same question with fewer (or more) earlier turns. */
    public TaskProfile withPromptTokens(long tokens) {
        Needs n = Needs.of(tokens, needs.privateData(), needs.freshness(), needs.multiStep());
        return new TaskProfile(domain, complexity, n, language, confidence, source);
    }

    public Band band() {
        return Band.of(complexity);
    }

    /** Who decided domain, complexity and language; needs always come from local extraction. */
    public enum Source { DETERMINISTIC, MODEL }

    public enum Band {
        LOW, MEDIUM, HIGH;

        public static Band of(double complexity) {
            requireUnit("complexity", complexity);
            return complexity >= HIGH_FROM ? HIGH : complexity >= MEDIUM_FROM ? MEDIUM : LOW;
        }
    }

    static void requireUnit(String name, double value) {
        // the negated form also rejects NaN
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be within [0, 1]: " + value);
        }
    }
}
