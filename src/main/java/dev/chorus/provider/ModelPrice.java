package dev.chorus.provider;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A model's list price in US dollars per million tokens.
 *
 * <p>Dollars per million tokens times tokens is exactly micro-dollars, so costs are computed in
 * BigDecimal with no scaling and rounded up once at the end: spend must never be under-counted.
 *
 * @param cachedInputPerMillion null when the provider has no cache discount; cached tokens are
 *     then charged at the input price
 * @param pricedOn the day the price was read from the provider's price page; null for {@link #FREE}
 */
public record ModelPrice(
        BigDecimal inputPerMillion, BigDecimal cachedInputPerMillion, BigDecimal outputPerMillion, LocalDate pricedOn) {

    /** Local models (Ollama) cost nothing per token. */
    public static final ModelPrice FREE = new ModelPrice(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, null);

    public ModelPrice {
        requireNonNegative(inputPerMillion, "inputPerMillion");
        requireNonNegative(outputPerMillion, "outputPerMillion");
        if (cachedInputPerMillion != null) {
            requireNonNegative(cachedInputPerMillion, "cachedInputPerMillion");
        }
    }

    /** The cost of a finished call in micro-dollars, rounded up. */
    public long costMicros(Usage usage) {
        BigDecimal cachedPrice = cachedInputPerMillion != null ? cachedInputPerMillion : inputPerMillion;
        BigDecimal micros = inputPerMillion.multiply(BigDecimal.valueOf(usage.uncachedInputTokens()))
                .add(cachedPrice.multiply(BigDecimal.valueOf(usage.cachedInputTokens())))
                .add(outputPerMillion.multiply(BigDecimal.valueOf(usage.outputTokens())));
        return micros.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /**
     * The most a call can cost before it is sent: every prompt token at the full input price
     * (a cache hit is never guaranteed) and the whole output budget used.
     */
    public long maxCostMicros(long promptTokens, long maxOutputTokens) {
        if (promptTokens < 0 || maxOutputTokens < 0) {
            throw new IllegalArgumentException("negative token count");
        }
        BigDecimal micros = inputPerMillion.multiply(BigDecimal.valueOf(promptTokens))
                .add(outputPerMillion.multiply(BigDecimal.valueOf(maxOutputTokens)));
        return micros.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private static void requireNonNegative(BigDecimal value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " is negative");
        }
    }
}
