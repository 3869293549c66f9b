package dev.chorus.orchestration.analysis;

/**
 * Checks a profiling model's reply against the contract {@link ModelAnalyzer}'s prompt states. The
 * reply is JSON, and this package parses none: the implementation lives outside it and is handed to
 * {@link ModelAnalyzer}.
 */
public interface VerdictParser {

    Parsed parse(String reply);

    sealed interface Parsed {
        record Valid(ModelVerdict verdict) implements Parsed {
        }

        /** @param error what was wrong, phrased to be quoted back to the model */
        record Invalid(String error) implements Parsed {
        }
    }
}
