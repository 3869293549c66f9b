package dev.chorus.provider;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A model's list price in US dollars per million tokens.
 *
 * <p>Dollars per million tokens times tokens is exactly micro-dollars, so costs are exact sums rounded
 * up once at the end: spend must never be under-counted. The router prices every candidate model for
 * every question, so prices with at most nine decimals (all real ones) are also kept as whole
 * billionths, and the sum is done in {@code long}; anything else, or an overflow, takes the
 * {@code BigDecimal} path, which gives the same result.
 *
 * <p>A value class with record-style accessors rather than a record only because it carries those
 * derived fields.
 */
public final class ModelPrice {

    /** Local models (Ollama) cost nothing per token. */
    public static final ModelPrice FREE = new ModelPrice(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, null);

    private static final int FIXED_SCALE = 9;
    private static final long FIXED_ONE = 1_000_000_000L;
    /** Marks a price that has no exact fixed-point form. */
    private static final long NOT_FIXED = -1;

    private final BigDecimal inputPerMillion;
    private final BigDecimal cachedInputPerMillion;
    private final BigDecimal outputPerMillion;
    private final LocalDate pricedOn;
    private final long inputFixed;
    private final long cachedInputFixed;
    private final long outputFixed;

    /**
     * @param cachedInputPerMillion null when the provider has no cache discount; cached tokens are
     *     then charged at the input price
     * @param pricedOn the day the price was read from the provider's price page; null for {@link #FREE}
     */
    public ModelPrice(BigDecimal inputPerMillion, BigDecimal cachedInputPerMillion, BigDecimal outputPerMillion,
                      LocalDate pricedOn) {
        requireNonNegative(inputPerMillion, "inputPerMillion");
        requireNonNegative(outputPerMillion, "outputPerMillion");
        if (cachedInputPerMillion != null) {
            requireNonNegative(cachedInputPerMillion, "cachedInputPerMillion");
        }
        this.inputPerMillion = inputPerMillion;
        this.cachedInputPerMillion = cachedInputPerMillion;
        this.outputPerMillion = outputPerMillion;
        this.pricedOn = pricedOn;
        this.inputFixed = fixed(inputPerMillion);
        this.cachedInputFixed = fixed(cachedInputPerMillion != null ? cachedInputPerMillion : inputPerMillion);
        this.outputFixed = fixed(outputPerMillion);
    }

    public BigDecimal inputPerMillion() {
        return inputPerMillion;
    }

    public BigDecimal cachedInputPerMillion() {
        return cachedInputPerMillion;
    }

    public BigDecimal outputPerMillion() {
        return outputPerMillion;
    }

    public LocalDate pricedOn() {
        return pricedOn;
    }

    /** The cost of a finished call in micro-dollars, rounded up. */
    public long costMicros(Usage usage) {
        return micros(usage.uncachedInputTokens(), usage.cachedInputTokens(), usage.outputTokens());
    }

    /**
     * The most a call can cost before it is sent: every prompt token at the full input price
     * (a cache hit is never guaranteed) and the whole output budget used.
     */
    public long maxCostMicros(long promptTokens, long maxOutputTokens) {
        if (promptTokens < 0 || maxOutputTokens < 0) {
            throw new IllegalArgumentException("negative token count");
        }
        return micros(promptTokens, 0, maxOutputTokens);
    }

    private long micros(long uncached, long cached, long output) {
        if (inputFixed != NOT_FIXED && cachedInputFixed != NOT_FIXED && outputFixed != NOT_FIXED) {
            try {
                long billionths = Math.addExact(Math.addExact(Math.multiplyExact(inputFixed, uncached),
                        Math.multiplyExact(cachedInputFixed, cached)), Math.multiplyExact(outputFixed, output));
                return Math.ceilDiv(billionths, FIXED_ONE);
            } catch (ArithmeticException overflow) {
                // fall through to the exact path
            }
        }
        BigDecimal cachedPrice = cachedInputPerMillion != null ? cachedInputPerMillion : inputPerMillion;
        BigDecimal micros = inputPerMillion.multiply(BigDecimal.valueOf(uncached))
                .add(cachedPrice.multiply(BigDecimal.valueOf(cached)))
                .add(outputPerMillion.multiply(BigDecimal.valueOf(output)));
        return micros.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private static long fixed(BigDecimal perMillion) {
        if (perMillion.scale() > FIXED_SCALE) {
            BigDecimal stripped = perMillion.stripTrailingZeros();
            if (stripped.scale() > FIXED_SCALE) {
                return NOT_FIXED;
            }
            perMillion = stripped;
        }
        try {
            return perMillion.movePointRight(FIXED_SCALE).longValueExact();
        } catch (ArithmeticException tooLarge) {
            return NOT_FIXED;
        }
    }

    private static void requireNonNegative(BigDecimal value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " is negative");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelPrice other && inputPerMillion.equals(other.inputPerMillion)
                && Objects.equals(cachedInputPerMillion, other.cachedInputPerMillion)
                && outputPerMillion.equals(other.outputPerMillion) && Objects.equals(pricedOn, other.pricedOn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputPerMillion, cachedInputPerMillion, outputPerMillion, pricedOn);
    }

    @Override
    public String toString() {
        return "ModelPrice[inputPerMillion=" + inputPerMillion + ", cachedInputPerMillion=" + cachedInputPerMillion
                + ", outputPerMillion=" + outputPerMillion + ", pricedOn=" + pricedOn + "]";
    }
}
