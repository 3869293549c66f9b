package dev.chorus.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Shows micro-dollar amounts the way a person reads them on a phone. */
public final class MoneyFormat {
    private static final BigDecimal MICROS_PER_DOLLAR = BigDecimal.valueOf(1_000_000);

    private MoneyFormat() {
    }

    /**
     * {@code $1.23} from a dollar up, {@code $0.012} from a cent, below that up to six decimals
     * ({@code $0.00042}) so that a cheap answer does not read as free; {@code $0} only for zero.
     */
    public static String dollars(long micros) {
        if (micros == 0) {
            return "$0";
        }
        BigDecimal dollars = BigDecimal.valueOf(micros).divide(MICROS_PER_DOLLAR);
        int scale = micros >= 1_000_000 ? 2 : micros >= 10_000 ? 3 : 6;
        BigDecimal shown = dollars.setScale(scale, RoundingMode.HALF_UP);
        if (scale == 3 && (shown.compareTo(BigDecimal.ONE) >= 0 || shown.stripTrailingZeros().scale() <= 2)) {
            // $0.160 reads as a price tag gone wrong; cents are shown as cents.
            shown = dollars.setScale(2, RoundingMode.HALF_UP);
        }
        if (scale == 6) {
            shown = shown.stripTrailingZeros();
        }
        return (micros < 0 ? "-$" : "$") + shown.abs().toPlainString();
    }
}
