package dev.chorus.orchestration.delegation;

import dev.chorus.provider.catalog.Domain;
import dev.chorus.provider.catalog.ModelSpec;

/**
 * How good a model is expected to be at a domain, 0..1. The catalog's scores are the prior; user
 * feedback adjusts them once learning is in place.
 */
@FunctionalInterface
public interface QualityModel {
    QualityModel CATALOG = ModelSpec::capability;

    double expected(ModelSpec model, Domain domain);
}
