package dev.chorus.startup;

import dev.chorus.orchestration.analysis.DeterministicAnalyzer;
import dev.chorus.orchestration.delegation.Capabilities;
import dev.chorus.orchestration.learning.LearnedQuality;
import dev.chorus.orchestration.probe.MeasuredCapabilities;
import dev.chorus.store.JdbiProbes;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.store.Database;
import dev.chorus.store.JdbiLearningLog;
import java.time.Clock;
import java.util.List;

/**
 * The router's learned quality over a database's rating log, loaded and caught up, with the
 * capabilities probes measured in place of the catalog's.
 */
public final class Learning {
    private Learning() {
    }

    public static LearnedQuality open(Database database, List<ModelSpec> catalog, Clock clock) {
        return open(database, catalog, new MeasuredCapabilities(new JdbiProbes(database, clock)), clock);
    }

    /** @param capabilities the prior's capabilities, probed ones in place of the catalog's */
    public static LearnedQuality open(Database database, List<ModelSpec> catalog, Capabilities capabilities,
                                      Clock clock) {
        DeterministicAnalyzer analyzer = new DeterministicAnalyzer();
        JdbiLearningLog log = new JdbiLearningLog(database, clock);
        return new LearnedQuality(text -> analyzer.analyze(text, List.of()), catalog, capabilities, log, log).start();
    }
}
