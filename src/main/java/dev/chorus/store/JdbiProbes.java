package dev.chorus.store;

import dev.chorus.orchestration.probe.ProbeResult;
import dev.chorus.orchestration.probe.ProbedCapabilities;
import dev.chorus.provider.catalog.Domain;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.JdbiException;

/** Probed capabilities in SQLite. Thread-safe. */
public final class JdbiProbes implements ProbedCapabilities {
    private final Database database;
    private final Clock clock;

    public JdbiProbes(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public Map<String, Map<Domain, Double>> all() {
        try {
            Map<String, Map<Domain, Double>> all = new TreeMap<>();
            database.jdbi().useHandle(h -> h.createQuery("SELECT model, domain, score FROM probes").map((rs, ctx) -> {
                all.computeIfAbsent(rs.getString("model"), m -> new EnumMap<>(Domain.class))
                        .put(Domain.fromKey(rs.getString("domain")), rs.getDouble("score"));
                return null;
            }).list());
            return all;
        } catch (JdbiException e) {
            throw new StoreException("cannot read the probed capabilities", e);
        }
    }

    /** Replaces the model's probed scores with {@code result}'s (a domain it did not answer keeps no score). */
    @Override
    public void save(ProbeResult result) {
        String at = clock.instant().toString();
        long perDomain = result.scores().isEmpty() ? 0 : result.costMicros() / result.scores().size();
        try {
            database.jdbi().useTransaction(h -> {
                h.execute("DELETE FROM probes WHERE model = ?", result.model());
                result.scores().forEach((domain, score) -> {
                    if (score.answered() > 0) {
                        h.execute("INSERT INTO probes (model, domain, passed, answered, score, cost_micros, at) "
                                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", result.model(), domain.key(), score.passed(),
                                score.answered(), score.capability(), perDomain, at);
                    }
                });
            });
        } catch (JdbiException e) {
            throw new StoreException("cannot save the probe of " + result.model(), e);
        }
    }
}
