package dev.chorus.orchestration.probe;

import dev.chorus.orchestration.delegation.Capabilities;
import dev.chorus.provider.catalog.Domain;
import dev.chorus.provider.catalog.ModelSpec;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog's capabilities with what probes measured in their place. A probed domain takes the
 * measured score. An unprobed domain keeps the catalog's score, unless the catalog has nothing to
 * say about the model (every domain the same, as for a model added in config without capabilities):
 * it then takes the mean of what was measured. Thread-safe; {@link #reload} after a probe.
 */
public final class MeasuredCapabilities implements Capabilities {
    private final ProbedCapabilities store;
    private volatile Map<String, Map<Domain, Double>> probed;

    public MeasuredCapabilities(ProbedCapabilities store) {
        this.store = store;
        this.probed = store.all();
    }

    public void reload() {
        probed = store.all();
    }

    /** What probes measured for {@code model}, when it was probed. */
    public Optional<Map<Domain, Double>> measured(String model) {
        return Optional.ofNullable(probed.get(model));
    }

    @Override
    public double of(ModelSpec model, Domain domain) {
        Map<Domain, Double> measured = probed.get(model.id());
        if (measured == null || measured.isEmpty()) {
            return model.capability(domain);
        }
        Double score = measured.get(domain);
        if (score != null) {
            return score;
        }
        return flat(model) ? measured.values().stream().mapToDouble(Double::doubleValue).average().orElse(0.5)
                : model.capability(domain);
    }

    private static boolean flat(ModelSpec model) {
        double first = model.capability(Domain.values()[0]);
        for (Domain d : Domain.values()) {
            if (model.capability(d) != first) {
                return false;
            }
        }
        return true;
    }
}
