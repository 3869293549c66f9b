package dev.chorus.provider.resilience;

import dev.chorus.provider.catalog.ModelSpec;

/**
 * A last check before a model is called, such as "does the budget allow this call's worst case".
 * Asked again for every fallback, because a fallback may cost more.
 */
@FunctionalInterface
public interface Preflight {
    Preflight ALLOW_ALL = (model, promptTokens, maxOutputTokens) -> null;

    /** {@code null} when the call may go ahead, else a short reason why not. */
    String refuse(ModelSpec model, long promptTokens, int maxOutputTokens);
}
