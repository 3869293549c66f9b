package dev.chorus.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.config.Amounts;
import org.junit.jupiter.api.Test;

class AmountsTest {
    @Test
    void acceptsWhatPeopleType() {
        assertThat(Amounts.dollars("5")).isEqualTo(5_000_000);
        assertThat(Amounts.dollars("5.00")).isEqualTo(5_000_000);
        assertThat(Amounts.dollars("$5")).isEqualTo(5_000_000);
        assertThat(Amounts.dollars("0.5")).isEqualTo(500_000);
        assertThat(Amounts.dollars(".25")).isEqualTo(250_000);
        assertThat(Amounts.dollars("0.000001")).isEqualTo(1);
        assertThat(Amounts.limit("2/week")).isEqualTo(new Amounts.Limit(2_000_000, "week"));
        assertThat(Amounts.limit("$1.5/Monthly")).isEqualTo(new Amounts.Limit(1_500_000, "month"));
    }

    @Test
    void refusesWithAReason() {
        assertThatThrownBy(() -> Amounts.dollars("-5")).hasMessageContaining("negative");
        assertThatThrownBy(() -> Amounts.dollars("abc")).hasMessageContaining("not an amount");
        assertThatThrownBy(() -> Amounts.dollars("1e99")).hasMessageContaining("not an amount");
        assertThatThrownBy(() -> Amounts.dollars("5,00")).hasMessageContaining("use a dot");
        assertThatThrownBy(() -> Amounts.dollars("0.0000001")).hasMessageContaining("not an amount");
        assertThatThrownBy(() -> Amounts.dollars("2000000")).hasMessageContaining("more than $1,000,000");
        assertThatThrownBy(() -> Amounts.dollars("")).hasMessageContaining("not an amount");
        assertThatThrownBy(() -> Amounts.limit("5")).hasMessageContaining("add the period");
        assertThatThrownBy(() -> Amounts.limit("5/year")).hasMessageContaining("day, week or month");
    }

    @Test
    void hugeAmountIsTooLargeNotGibberish() {
        assertThatThrownBy(() -> Amounts.limit("99999999999/day")).hasMessage("that is more than $1,000,000");
        assertThatThrownBy(() -> Amounts.dollars("1000000.000001")).hasMessage("that is more than $1,000,000");
        assertThat(Amounts.dollars("1000000")).isEqualTo(Amounts.MAX_MICROS);
        assertThat(Amounts.dollars("0001.5")).isEqualTo(1_500_000);
    }

    @Test
    void quotesAtMostTwentyCharactersOfWhatWasTyped() {
        String paste = "12345678901234567890 and then a whole paragraph";
        assertThatThrownBy(() -> Amounts.dollars(paste))
                .hasMessage("'12345678901234567890…' is not an amount; write dollars like 5, 0.50 or $5");
        assertThatThrownBy(() -> Amounts.dollars("abc"))
                .hasMessage("'abc' is not an amount; write dollars like 5, 0.50 or $5");
        // a cut never splits a character outside the BMP in half
        assertThatThrownBy(() -> Amounts.dollars("\uD83D\uDCB0".repeat(25)))
                .hasMessageStartingWith("'" + "\uD83D\uDCB0".repeat(20) + "…'");
    }
}
