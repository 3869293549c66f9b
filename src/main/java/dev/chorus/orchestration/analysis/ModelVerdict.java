package dev.chorus.orchestration.analysis;

import dev.chorus.provider.catalog.Domain;
import java.util.Objects;

/** What a model judged about a question: the parts of a {@link TaskProfile} a model may decide. */
public record ModelVerdict(Domain domain, double complexity, String language, double confidence) {
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
