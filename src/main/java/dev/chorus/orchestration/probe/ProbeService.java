package dev.chorus.orchestration.probe;

import dev.chorus.provider.catalog.Domain;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.resilience.SpendGate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Probing a model and putting what was measured to use: the scores are stored, stand in for the
 * catalog's at once, and what was learned from ratings is recalibrated against the new prior. One
 * probe per model at a time. Thread-safe.
 */
public final class ProbeService {
    private final Prober prober;
    private final ProbedCapabilities store;
    private final MeasuredCapabilities capabilities;
    private final Supplier<SpendGate> gate;
    private final Runnable priorChanged;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    /**
     * @param gate the budget a probe is charged to (the bot's global one)
     * @param priorChanged run after new scores are in (recalibrates what was learned)
     */
    public ProbeService(Prober prober, ProbedCapabilities store, MeasuredCapabilities capabilities,
                        Supplier<SpendGate> gate, Runnable priorChanged) {
        this.prober = prober;
        this.store = store;
        this.capabilities = capabilities;
        this.gate = gate;
        this.priorChanged = priorChanged;
    }

    public ProbeSuite suite() {
        return prober.suite();
    }

    public long estimateMicros(ModelSpec model) {
        return prober.suite().estimateMicros(model);
    }

    public Optional<Map<Domain, Double>> measured(String model) {
        return capabilities.measured(model);
    }

    /** Probes {@code model}; empty when a probe of it is already running. */
    public Optional<ProbeResult> probe(ModelSpec model, Prober.Progress progress) {
        if (!running.add(model.id())) {
            return Optional.empty();
        }
        try {
            ProbeResult result = prober.run(model, gate.get(), progress);
            if (!result.scores().isEmpty()) {
                store.save(result);
                capabilities.reload();
                priorChanged.run();
            }
            return Optional.of(result);
        } finally {
            running.remove(model.id());
        }
    }
}
