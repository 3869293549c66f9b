package dev.chorus.orchestration.delegation;

import dev.chorus.provider.catalog.Domain;
import dev.chorus.provider.catalog.ModelSpec;

/** How good a model is at a domain, 0..1, as the prior sees it: the catalog's score, or one a probe measured. */
@FunctionalInterface
public interface Capabilities {
    Capabilities CATALOG = ModelSpec::capability;

    double of(ModelSpec model, Domain domain);
}
