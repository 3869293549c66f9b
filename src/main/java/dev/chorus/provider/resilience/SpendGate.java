package dev.chorus.provider.resilience;

import dev.chorus.provider.catalog.ModelSpec;

/**
 * Asked before every model call, fallbacks included (a fallback may cost more): may this call be
 * paid for? A granted call holds money for the prompt and a first share of the output; while the
 * answer streams, the hold is extended before the answer outgrows it, and the stream is stopped
 * when it cannot be. {@link Spend#settle} says what the call really cost. The budget implements
 * this; the chain knows nothing about budgets.
 */
@FunctionalInterface
public interface SpendGate {
    SpendGate UNLIMITED = (model, promptTokens, maxOutputTokens) -> new Admission.Granted(Spend.NONE);

    Admission admit(ModelSpec model, long promptTokens, int maxOutputTokens);

    /**
     * As above, for a call that may spend {@code hiddenOutputTokens} of its output unseen (a reasoning
     * budget): the first hold covers them all, since they cannot be watched as they grow.
     */
    default Admission admit(ModelSpec model, long promptTokens, int maxOutputTokens, int hiddenOutputTokens) {
        return admit(model, promptTokens, maxOutputTokens);
    }

    /**
     * Holds {@code worstCaseMicros} for a run of several calls at once, atomically against every
     * budget it touches: the run then either has the money for all its calls or does not start. Its
     * calls go through the returned gate, each taking its own hold out of the run's; {@link
     * RunAdmission.Granted#release} gives back what the calls did not take. By default nothing is held.
     */
    default RunAdmission reserveRun(long worstCaseMicros) {
        return new RunAdmission.Granted(this, () -> { });
    }

    /** The gate's answer for a whole run. */
    sealed interface RunAdmission {
        record Granted(SpendGate gate, Runnable release) implements RunAdmission {
        }

        /** @param reason for the user, in their language once rendered */
        record Denied(dev.chorus.i18n.Phrase reason) implements RunAdmission {
        }
    }

    /** The gate's answer for one call. */
    sealed interface Admission {
        record Granted(Spend spend) implements Admission {
        }

        /**
         * @param reason for the user ("your budget for today is used up ..."), in their language once rendered
         * @param busy true when the money is only held by answers still in progress, not spent
         */
        record Denied(dev.chorus.i18n.Phrase reason, boolean busy) implements Admission {
            public Denied(dev.chorus.i18n.Phrase reason) {
                this(reason, false);
            }

            /** A denial whose reason is already final text. */
            public Denied(String reason) {
                this(dev.chorus.i18n.Phrase.verbatim(reason), false);
            }
        }
    }

    /** Money held for one call. */
    interface Spend {
        Spend NONE = new Spend() {
            @Override
            public void sent() {
            }

            @Override
            public void settle(long costMicros, boolean estimated) {
            }
        };

        /** The request is going out now: from here on the provider may bill it. */
        void sent();

        /** How many output tokens the money held now pays for; by default any number (nothing is held). */
        default int outputTokens() {
            return Integer.MAX_VALUE;
        }

        /** Holds enough for {@code outputTokens} output tokens in all; false when the budget has no room for it. */
        default boolean extendTo(int outputTokens) {
            return true;
        }

        /** The call is over and cost {@code costMicros} (0 when it failed unbilled); releases the rest. */
        void settle(long costMicros, boolean estimated);
    }
}
