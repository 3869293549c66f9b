package dev.chorus.provider.resilience;

import dev.chorus.provider.catalog.ModelSpec;

/**
 * Asked before every model call, fallbacks included (a fallback may cost more): may this call's
 * worst case be spent? A granted call holds that money until {@link Spend#settle} says what it
 * really cost. The budget implements this; the chain knows nothing about budgets.
 */
@FunctionalInterface
public interface SpendGate {
    SpendGate UNLIMITED = (model, promptTokens, maxOutputTokens) -> new Admission.Granted(Spend.NONE);

    Admission admit(ModelSpec model, long promptTokens, int maxOutputTokens);

    /** The gate's answer for one call. */
    sealed interface Admission {
        record Granted(Spend spend) implements Admission {
        }

        /** {@code reason} is written for the user ("your budget for today is used up ..."). */
        record Denied(String reason) implements Admission {
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

        /** The call is over and cost {@code costMicros} (0 when it failed unbilled); releases the rest. */
        void settle(long costMicros, boolean estimated);
    }
}
