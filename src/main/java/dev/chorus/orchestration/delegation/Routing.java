package dev.chorus.orchestration.delegation;

/** What the delegation engine says about a question. */
public sealed interface Routing {
    record Routed(Decision decision) implements Routing {
    }

    /**
     * The question holds private data and no local model can take it. {@code cloud} is where it would
     * go if the user agrees to send it out anyway.
     */
    record NeedsConsent(dev.chorus.i18n.Phrase privateData, Decision cloud) implements Routing {
    }

    /** No model can take the question; {@code why} says why, for the user; {@code candidates} each say why not. */
    record NoModel(dev.chorus.i18n.Phrase why, java.util.List<Candidate> candidates) implements Routing {
        public NoModel {
            candidates = java.util.List.copyOf(candidates);
        }

        /** Why, in English (the command line, logs). */
        public String reason() {
            return why.english();
        }
    }
}
