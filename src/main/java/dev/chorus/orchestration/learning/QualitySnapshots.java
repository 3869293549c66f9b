package dev.chorus.orchestration.learning;

import java.util.Optional;

/** Where the learned state is kept between runs, so a start does not replay every rating. The store implements it. */
public interface QualitySnapshots {
    /** The saved state if it was made by {@code fingerprint} (the same features, prior and catalog). */
    Optional<byte[]> load(String fingerprint);

    void save(String fingerprint, long throughEventId, byte[] state);

    /** For a run without a database: nothing is kept. */
    QualitySnapshots NONE = new QualitySnapshots() {
        @Override
        public Optional<byte[]> load(String fingerprint) {
            return Optional.empty();
        }

        @Override
        public void save(String fingerprint, long throughEventId, byte[] state) {
        }
    };
}
