package dev.chorus.orchestration.analysis;

import dev.chorus.provider.catalog.Domain;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/** What a model judged about a question: the parts of a {@link TaskProfile} a model may decide. */
public record ModelVerdict(Domain domain, double complexity, String language, double confidence) {
    /** The domain names a verdict may give, as the prompt lists them. */
    public static final String DOMAIN_NAMES = Arrays.stream(Domain.values()).map(Domain::key)
            .collect(Collectors.joining(", "));

    public ModelVerdict {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(language, "language");
        TaskProfile.requireUnit("complexity", complexity);
        TaskProfile.requireUnit("confidence", confidence);
    }

    TaskProfile with(Needs needs) {
        return new TaskProfile(domain, complexity, needs, language, confidence, TaskProfile.Source.MODEL);
    }
}
