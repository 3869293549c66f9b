package dev.chorus.orchestration.probe;

import dev.chorus.provider.catalog.Domain;
import java.util.Map;

/** The capabilities probes measured, per model and domain; they stand in for the catalog's. The store implements it. */
public interface ProbedCapabilities {
    Map<String, Map<Domain, Double>> all();

    void save(ProbeResult result);

    ProbedCapabilities NONE = new ProbedCapabilities() {
        @Override
        public Map<String, Map<Domain, Double>> all() {
            return Map.of();
        }

        @Override
        public void save(ProbeResult result) {
        }
    };
}
